package dev.assay.sandbox.java;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles a candidate's compilation unit in memory: Janino first (milliseconds), and the JDK's
 * javac when Janino rejects the source (lambdas, records, var, switch expressions...). Runs in
 * the runner JVM, with the runner's permissions, before any candidate code is loaded.
 */
final class CandidateCompiler {
  private static final Pattern PACKAGE_DECL =
      Pattern.compile("^\\s*package\\s+[A-Za-z_$][A-Za-z0-9_$.]*\\s*;", Pattern.MULTILINE);
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "public\\s+(?:(?:final|abstract|static|sealed|strictfp)\\s+)*"
              + "(?:class|record|interface|enum)\\s+([A-Za-z_$][A-Za-z0-9_$]*)");

  /**
   * The outcome of a compilation: bytecode by binary class name, or an error message.
   * {@code syntheticPackage} is the package javac was told to put the classes in, or null.
   */
  record Compiled(Map<String, byte[]> classes, String compiler, String error,
      String syntheticPackage) {
    boolean ok() {
      return error == null;
    }
  }

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private PooledJavac pooled = PooledJavac.create();
  private MemoryFiles pooledFiles;
  private StandardJavaFileManager standardFiles;
  private long pooledCompilations;

  Compiled compile(String source) {
    String janinoError;
    try {
      SimpleCompiler sc = new SimpleCompiler();
      sc.setParentClassLoader(ClassLoader.getPlatformClassLoader());
      sc.setDebuggingInformation(true, true, false);
      sc.cook(fileName(source), new StringReader(source));
      return new Compiled(new LinkedHashMap<>(sc.getBytecodes()), "janino", null, null);
    } catch (Exception | StackOverflowError e) {
      janinoError = String.valueOf(e.getMessage());
    }
    if (javac == null) {
      return new Compiled(Map.of(), "janino", janinoError, null);
    }
    return compileWithJavac(source);
  }

  /** Loads and exercises both compilers once so the first candidate does not pay for it. */
  void warmUp(boolean javacToo) {
    compile("public class Main { public static void main(String[] a) { int x = 1; } }");
    if (javacToo) {
      compile("public class Main { public static void main(String[] a) {"
          + " Runnable r = () -> {}; var x = 1; r.run(); } }");
    }
  }

  /**
   * javac with a reused context when it is safe, else a fresh one. The reused context keeps
   * symbols of earlier compilations, and javac 17 trips over a second {@code Main} (or a second
   * {@code Main.Pair} record) with the same name; so each pooled compilation gets its own
   * synthetic package ({@code assay_run_N}, prepended on line 1 so line numbers stay). Any
   * failure there is retried with a fresh javac, which is authoritative for error messages.
   */
  private Compiled compileWithJavac(String source) {
    if (pooled.available() && !PACKAGE_DECL.matcher(source).find()) {
      String pkg = "assay_run_" + (++pooledCompilations);
      if (pooledFiles == null) {
        // one file manager for the pool's life: the reused context holds on to the first
        // one it sees, so the output map is swapped per compilation instead
        pooledFiles = new MemoryFiles(standardFiles());
      }
      Compiled c = javac(pooledFiles, "package " + pkg + "; " + source, fileName(source), true);
      if (c.ok()) {
        return new Compiled(c.classes(), "javac", null, pkg);
      }
      pooled = PooledJavac.create();
      pooledFiles = null;
    }
    return javac(new MemoryFiles(standardFiles()), source, fileName(source), false);
  }

  private Compiled javac(MemoryFiles files, String source, String name, boolean reuse) {
    Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
    files.out = out;
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject unit = new SourceFile(name, source);
    List<String> options = List.of("-proc:none", "-g", "-nowarn", "-encoding", "UTF-8");
    Boolean ok;
    try {
      ok = reuse ? pooled.compile(files, diagnostics, options, unit)
          : javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      return new Compiled(Map.of(), "javac", "javac failed: " + e, null);
    }
    if (!Boolean.TRUE.equals(ok)) {
      return new Compiled(Map.of(), "javac", format(diagnostics.getDiagnostics()), null);
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    out.forEach((k, v) -> classes.put(k, v.toByteArray()));
    return new Compiled(classes, "javac", null, null);
  }

  private StandardJavaFileManager standardFiles() {
    if (standardFiles == null) {
      standardFiles = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }
    return standardFiles;
  }

  private static String format(List<Diagnostic<? extends JavaFileObject>> list) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : list) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String file =
          d.getSource() == null ? "" : d.getSource().getName().replaceFirst("^/", "");
      sb.append(file).append(':').append(d.getLineNumber()).append(": error: ")
          .append(d.getMessage(Locale.ROOT)).append('\n');
    }
    return sb.length() == 0 ? "compilation failed" : sb.toString();
  }

  /** The file name javac requires: the public top-level type's name, else Main. */
  static String fileName(String source) {
    Matcher m = PUBLIC_TYPE.matcher(source);
    return (m.find() ? m.group(1) : "Main") + ".java";
  }

  private static final class SourceFile extends SimpleJavaFileObject {
    private final String text;

    SourceFile(String fileName, String text) {
      super(URI.create("string:///" + fileName), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  private static final class MemoryFiles extends ForwardingJavaFileManager<JavaFileManager> {
    private Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();

    MemoryFiles(JavaFileManager delegate) {
      super(delegate);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(
          URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          MemoryFiles.this.out.put(className, b);
          return b;
        }
      };
    }
  }

  static List<String> topLevel(Map<String, byte[]> classes) {
    List<String> names = new ArrayList<>();
    for (String n : classes.keySet()) {
      if (n.indexOf('$') < 0) {
        names.add(n);
      }
    }
    return names;
  }
}

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
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "public\\s+(?:(?:final|abstract|static|sealed|strictfp)\\s+)*"
              + "(?:class|record|interface|enum)\\s+([A-Za-z_$][A-Za-z0-9_$]*)");

  /** The outcome of a compilation: bytecode by binary class name, or an error message. */
  record Compiled(Map<String, byte[]> classes, String compiler, String error) {
    boolean ok() {
      return error == null;
    }
  }

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private StandardJavaFileManager standardFiles;

  Compiled compile(String source) {
    String janinoError;
    try {
      SimpleCompiler sc = new SimpleCompiler();
      sc.setParentClassLoader(ClassLoader.getPlatformClassLoader());
      sc.setDebuggingInformation(true, true, false);
      sc.cook(fileName(source), new StringReader(source));
      return new Compiled(new LinkedHashMap<>(sc.getBytecodes()), "janino", null);
    } catch (Exception | StackOverflowError e) {
      janinoError = String.valueOf(e.getMessage());
    }
    if (javac == null) {
      return new Compiled(Map.of(), "janino", janinoError);
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

  private Compiled compileWithJavac(String source) {
    if (standardFiles == null) {
      standardFiles = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }
    Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileManager files = new MemoryFiles(standardFiles, out);
    String name = fileName(source);
    JavaFileObject unit = new SourceFile(name, source);
    List<String> options = List.of("-proc:none", "-g", "-nowarn", "-encoding", "UTF-8");
    Boolean ok =
        javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
    if (!Boolean.TRUE.equals(ok)) {
      return new Compiled(Map.of(), "javac", format(diagnostics.getDiagnostics()));
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    out.forEach((k, v) -> classes.put(k, v.toByteArray()));
    return new Compiled(classes, "javac", null);
  }

  private static String format(List<Diagnostic<? extends JavaFileObject>> list) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : list) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String file = d.getSource() == null ? "" : d.getSource().getName();
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
    private final Map<String, ByteArrayOutputStream> out;

    MemoryFiles(JavaFileManager delegate, Map<String, ByteArrayOutputStream> out) {
      super(delegate);
      this.out = out;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(
          URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          out.put(className, b);
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

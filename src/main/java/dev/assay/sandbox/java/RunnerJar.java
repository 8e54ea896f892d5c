package dev.assay.sandbox.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.codehaus.commons.compiler.ICompilerFactory;
import org.codehaus.janino.SimpleCompiler;

/**
 * The runner JVM's classpath as one small jar in the sandbox's own temp dir: this package's
 * classes and Janino, copied from wherever the daemon loads them (its fat jar, or target/classes
 * and the Maven repository in tests). The sandbox user (uid 65534) can read it even when the
 * daemon's own jars sit in a directory only root may enter, and the runner sees nothing else of
 * the daemon.
 */
final class RunnerJar {
  static final String NAME = "runner.jar";
  private static final List<String> PREFIXES = List.of(
      JavaRunnerMain.class.getPackageName().replace('.', '/') + "/",
      "org/codehaus/janino/", "org/codehaus/commons/",
      "META-INF/services/org.codehaus.commons.compiler.");

  private RunnerJar() {}

  /** Writes {@value #NAME} into {@code dir} (readable by all) and returns its path. */
  static Path build(Path dir) throws IOException {
    Path jar = dir.resolve(NAME);
    Set<String> written = new LinkedHashSet<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Path source : sources()) {
        if (Files.isDirectory(source)) {
          copyTree(source, out, written);
        } else {
          copyJar(source, out, written);
        }
      }
    }
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    return jar;
  }

  /** The jars or class directories holding the runner, Janino and commons-compiler. */
  private static Set<Path> sources() {
    Set<Path> cp = new LinkedHashSet<>();
    for (Class<?> c : List.of(JavaRunnerMain.class, SimpleCompiler.class, ICompilerFactory.class)) {
      try {
        cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException | RuntimeException e) {
        throw new IllegalStateException("cannot locate the classpath entry of " + c.getName(), e);
      }
    }
    return cp;
  }

  private static boolean wanted(String name) {
    return PREFIXES.stream().anyMatch(name::startsWith) && !name.endsWith("/");
  }

  private static void copyJar(Path source, JarOutputStream out, Set<String> written)
      throws IOException {
    try (JarFile jf = new JarFile(source.toFile())) {
      for (JarEntry e : jf.stream().toList()) {
        if (wanted(e.getName()) && written.add(e.getName())) {
          out.putNextEntry(new JarEntry(e.getName()));
          try (InputStream in = jf.getInputStream(e)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
  }

  private static void copyTree(Path root, JarOutputStream out, Set<String> written)
      throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = root.relativize(p).toString().replace('\\', '/');
        if (wanted(name) && written.add(name)) {
          out.putNextEntry(new JarEntry(name));
          Files.copy(p, (OutputStream) out);
          out.closeEntry();
        }
      }
    }
  }
}

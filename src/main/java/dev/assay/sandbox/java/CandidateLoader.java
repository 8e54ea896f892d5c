package dev.assay.sandbox.java;

import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * A fresh class loader per run: defines the run's compiled classes in the candidate protection
 * domain, sees only the JDK (platform loader) above it, never the runner, Janino or the daemon.
 */
final class CandidateLoader extends ClassLoader {
  private static final byte[] FINALIZE = "finalize".getBytes(StandardCharsets.US_ASCII);

  private final Map<String, byte[]> classes;
  private final ProtectionDomain domain;

  CandidateLoader(Map<String, byte[]> classes, ProtectionDomain domain) {
    super(ClassLoader.getPlatformClassLoader());
    this.classes = classes;
    this.domain = domain;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] b = classes.get(name);
    if (b == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, b, 0, b.length, domain);
  }

  /**
   * Whether some class overrides {@code finalize()}: a finalizer runs on the JVM's shared
   * Finalizer thread after the run, so such a runner is replaced rather than reused.
   */
  boolean declaresFinalizer() {
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      if (!contains(e.getValue(), FINALIZE)) {
        continue;
      }
      try {
        for (var m : Class.forName(e.getKey(), false, this).getDeclaredMethods()) {
          if (m.getName().equals("finalize") && m.getParameterCount() == 0) {
            return true;
          }
        }
      } catch (ReflectiveOperationException | LinkageError ex) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

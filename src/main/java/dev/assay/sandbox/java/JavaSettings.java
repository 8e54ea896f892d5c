package dev.assay.sandbox.java;

import dev.assay.AssayException;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.isolation.Isolation;
import java.util.List;

/**
 * The java backend's view of {@link SandboxOptions}: the options as given (with the java
 * backend's defaults, {@link SandboxOptions.Defaults#JAVA}), the isolation proven to work, and
 * two fixed choices. Nothing here is configured separately.
 *
 * @param options the shared options seen as backend {@code java}
 * @param isolation bwrap (the same flags as every backend, see
 *     {@link dev.assay.sandbox.isolation.IsolatedCommand}) or none
 * @param javaPath the java launcher for runners: the daemon's own
 * @param warmJavac also warm javac when a runner starts (~1 s CPU per runner start, saves it on
 *     the first fallback compile)
 */
record JavaSettings(SandboxOptions options, Isolation isolation, String javaPath,
    boolean warmJavac) {

  /**
   * The settings for {@code o}. Isolation {@code auto} means bwrap: the java backend has no
   * unshare mode (unshare gives no read-only view, and the runner JVM cannot drop the
   * capabilities of the mapped root per run as the Python runner does). Blocking (probes).
   *
   * @throws AssayException CONFIG when bwrap is asked for (or auto) and does not work here
   */
  static JavaSettings from(SandboxOptions o) {
    SandboxOptions j = o.withBackend("java", o.isolation()).validate();
    String requested = switch (j.isolation()) {
      case "none" -> "none";
      case "auto", "bwrap" -> "bwrap";
      default -> throw AssayException.config(
          "the java sandbox supports isolation auto, bwrap or none, not " + j.isolation());
    };
    Isolation iso;
    try {
      iso = Isolation.select(requested, List.of("/bin/true"));
    } catch (AssayException e) {
      throw AssayException.config("the java sandbox needs a working /usr/bin/bwrap"
          + " (or isolation: none to run unisolated): " + e.getMessage());
    }
    return new JavaSettings(j, iso, System.getProperty("java.home") + "/bin/java", true);
  }

  JavaSettings withWarmJavac(boolean v) {
    return new JavaSettings(options, isolation, javaPath, v);
  }
}

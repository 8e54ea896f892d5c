package dev.assay.sandbox;

import dev.assay.AssayException;
import dev.assay.sandbox.isolation.Isolation;
import dev.assay.sandbox.process.ProcessSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Builds the configured {@link Sandbox} backend and describes what isolation works here. */
public final class Sandboxes {
  private Sandboxes() {}

  /**
   * Creates the backend named by {@code o.backend()}. Blocking (probes the isolation): call it
   * from a worker thread or {@code executeBlocking}.
   *
   * @throws AssayException CONFIG for an unknown or unavailable backend or isolation
   */
  public static Sandbox create(Vertx vertx, SandboxOptions o) {
    o.validate();
    return switch (o.backend()) {
      case "process" -> ProcessSandbox.create(vertx, o);
      case "docker" -> dev.assay.sandbox.docker.DockerSandbox.create(vertx, o);
      case "java" -> dev.assay.sandbox.java.JavaSandbox.create(vertx, o);
      default -> throw AssayException.config("unknown sandbox backend " + o.backend());
    };
  }

  /**
   * What isolation works on this machine, for {@code assay doctor}: {"bwrap":bool,
   * "unshare":bool, "cgroup_v1_memory":bool, "cgroup_v1_pids":bool, "cgroup_v1_cpu":bool,
   * "python":path, "selected":"bwrap+cgroup-v1(memory,pids,cpu)"}. Blocking.
   */
  public static String probe() {
    return probeJson().encode();
  }

  /** {@link #probe()} as JSON. */
  public static JsonObject probeJson() {
    JsonObject j = Isolation.probe(SandboxOptions.DEFAULT_PYTHON);
    try {
      j.put("selected", Isolation.select("auto", SandboxOptions.DEFAULT_PYTHON).describe());
    } catch (AssayException e) {
      j.put("selected", "none available: " + e.getMessage());
    }
    return j;
  }
}

package dev.assay.sandbox.outcome;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The request and reply frames of {@code sandbox/runners/pyrunner.py}, the fork-server both the
 * process and the docker backend run, and how a reply becomes a {@link SandboxResult} (through
 * {@link Verdicts}). Pure: no I/O.
 */
public final class PyProtocol {
  /** How long past a run's wall backstop the runner may take to kill, sweep and answer. */
  public static final long GRACE_MS = 5_000;

  private PyProtocol() {}

  /**
   * The request for {@code spec} with the limits the backend settled on.
   *
   * @param timeoutMs CPU-time limit of the program's process tree
   * @param cpus CPU-seconds the tree can use per second (the runner's CPU quota, else cores)
   */
  public static JsonObject request(SandboxSpec spec, long timeoutMs, int memoryMb, int outputCap,
      int fsizeMb, double cpus) {
    return new JsonObject()
        .put("language", spec.language().wire())
        .put("source", spec.source() == null ? "" : spec.source())
        .put("files", new JsonObject(new LinkedHashMap<>(spec.files())))
        .put("stdin", spec.stdin())
        .put("timeout_ms", timeoutMs)
        .put("wall_ms", timeoutMs * SandboxSpec.WALL_BACKSTOP_FACTOR)
        .put("cpus", cpus)
        .put("output_cap", outputCap)
        .put("memory_mb", memoryMb)
        .put("cpu_s", (timeoutMs + 999) / 1000 + 1)
        .put("fsize_mb", fsizeMb);
  }

  /** How long the host waits for the reply to a request with CPU limit {@code timeoutMs}. */
  public static long waitMs(long timeoutMs) {
    return timeoutMs * SandboxSpec.WALL_BACKSTOP_FACTOR + GRACE_MS;
  }

  /** Whether the runner itself stopped the program (so a SIGKILL was not the OOM killer's). */
  public static boolean stoppedByRunner(JsonObject r) {
    return r.getBoolean("timed_out", false) || r.getBoolean("cpu_limit", false)
        || r.getBoolean("output_limit", false);
  }

  /**
   * Classifies one reply.
   *
   * @param oomNote memory evidence the runner cannot see (a cgroup OOM kill, a container's OOM
   *     killer), described; null when there is none
   * @param notes more notes for the detail (process limit hits, where it ran), may be empty
   */
  public static SandboxResult result(JsonObject r, String oomNote, List<String> notes) {
    long wall = r.getLong("wall_ms", 0L);
    if (r.containsKey("runner_error")) {
      return SandboxResult.error("runner failed: " + r.getString("runner_error")
          + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)), wall);
    }
    int exit = r.getInteger("exit_code", -1);
    int signal = r.getInteger("signal", 0);
    boolean memoryError = r.getBoolean("memory_error", false);
    Verdicts.Evidence e = new Verdicts.Evidence(false, r.getBoolean("output_limit", false),
        memoryError || oomNote != null, r.getBoolean("cpu_limit", false),
        r.getBoolean("timed_out", false), r.getBoolean("compile_error", false), exit, signal);
    SandboxStatus status = Verdicts.status(e);
    long cpuLimit = r.getLong("timeout_ms", 0L);
    List<String> all = new ArrayList<>();
    String note = status == SandboxStatus.MEMORY
        ? (oomNote != null ? oomNote : "memory limit (MemoryError)")
        : Verdicts.note(e, status, cpuLimit, cpuLimit * SandboxSpec.WALL_BACKSTOP_FACTOR);
    if (!note.isEmpty()) {
      all.add(note);
    }
    if (r.getBoolean("file_too_large", false)) {
      all.add("file size limit");
    }
    if (r.getInteger("leftover_killed", 0) > 0) {
      all.add(r.getInteger("leftover_killed") + " leftover process(es) killed");
    }
    all.addAll(notes);
    return new SandboxResult(status, signal != 0 ? -1 : exit, r.getString("stdout", ""),
        r.getString("stderr", ""), r.getBoolean("truncated", false), wall,
        r.getLong("cpu_ms", -1L), r.getLong("maxrss_kb", -1L), String.join("; ", all));
  }
}

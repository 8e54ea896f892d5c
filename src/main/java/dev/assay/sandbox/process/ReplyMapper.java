package dev.assay.sandbox.process;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Turns a runner's reply frame and the slot's cgroup counters into a {@link SandboxResult}. */
final class ReplyMapper {
  private ReplyMapper() {}

  /** The request frame the runner expects for {@code spec}. */
  static JsonObject request(long id, SandboxSpec spec, int fsizeMb) {
    return new JsonObject()
        .put("id", id)
        .put("source", spec.source())
        .put("files", new JsonObject(new java.util.HashMap<>(spec.files())))
        .put("stdin", spec.stdin())
        .put("timeout_ms", spec.timeoutMs())
        .put("output_cap", spec.outputCapBytes())
        .put("memory_mb", spec.memoryMb())
        .put("cpu_s", (spec.timeoutMs() + 999) / 1000 + 1)
        .put("fsize_mb", fsizeMb);
  }

  /**
   * Classifies a run. Precedence: runner failure, output flood, memory (cgroup OOM kill or a
   * Python MemoryError), time (wall or CPU limit), compile error (the main program's source did
   * not compile; reported by the runner out of band), then the exit status.
   */
  static SandboxResult map(JsonObject r, CgroupSlot.Counters delta, String isolation) {
    if (r.containsKey("runner_error")) {
      return SandboxResult.error("runner failed: " + r.getString("runner_error"), 0);
    }
    int exit = r.getInteger("exit_code", -1);
    int signal = r.getInteger("signal", 0);
    List<String> notes = new ArrayList<>();
    SandboxStatus status;
    if (r.getBoolean("output_limit", false)) {
      status = SandboxStatus.OUTPUT_LIMIT;
      notes.add("output cap exceeded");
    } else if (delta.oomKills() > 0 || r.getBoolean("memory_error", false)) {
      status = SandboxStatus.MEMORY;
      notes.add(delta.oomKills() > 0 ? "memory limit: killed by cgroup OOM" : "MemoryError");
    } else if (r.getBoolean("timed_out", false) || r.getBoolean("cpu_limit", false)) {
      status = SandboxStatus.TIMEOUT;
      notes.add(r.getBoolean("timed_out", false) ? "wall-time limit" : "CPU-time limit");
    } else if (r.getBoolean("compile_error", false)) {
      status = SandboxStatus.COMPILE_ERROR;
      notes.add("program does not compile");
    } else if (exit == 0 && signal == 0) {
      status = SandboxStatus.OK;
    } else {
      status = SandboxStatus.RUNTIME_ERROR;
      notes.add(signal != 0 ? "killed by signal " + signal : "exit code " + exit);
    }
    if (r.getBoolean("file_too_large", false)) {
      notes.add("file size limit");
    }
    if (delta.pidsMaxHits() > 0) {
      notes.add("process limit hit");
    }
    if (r.getInteger("leftover_killed", 0) > 0) {
      notes.add(r.getInteger("leftover_killed") + " leftover process(es) killed");
    }
    notes.add(isolation);
    return new SandboxResult(status, signal != 0 ? -1 : exit, r.getString("stdout", ""),
        r.getString("stderr", ""), r.getBoolean("truncated", false), r.getLong("wall_ms", 0L),
        r.getLong("cpu_ms", -1L), r.getLong("maxrss_kb", -1L), String.join("; ", notes));
  }

  /** The runner died or hung during a run: memory if the cgroup OOM-killed, else infra. */
  static SandboxResult lost(String why, CgroupSlot.Counters delta, long wallMs, String isolation) {
    if (delta.oomKills() > 0) {
      return new SandboxResult(SandboxStatus.MEMORY, -1, "", "", false, wallMs, -1, -1,
          "memory limit: runner killed by cgroup OOM; " + isolation);
    }
    return SandboxResult.error("runner lost: " + why + "; " + isolation, wallMs);
  }
}

package dev.assay.sandbox.outcome;

import dev.assay.sandbox.CompileResult;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.sandbox.TestPlan;
import io.vertx.core.json.JsonArray;
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
    JsonObject q = new JsonObject()
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
    Language lang = spec.language();
    if (spec.compileTimeoutMs() > 0) {
      q.put("compile", compileLimits(lang));
    }
    TestPlan plan = spec.tests();
    if (plan != null) {
      JsonObject t = plan.toJson();
      if (plan.checker().mode().equals("program")) {
        Language c = plan.checker().language();
        t.getJsonObject("checker").put("compile_timeout_ms", c.compileTimeoutMs())
            .put("compile_memory_mb", c.compileMemoryMb());
      }
      q.put("tests", t);
    }
    return q;
  }

  private static JsonObject compileLimits(Language l) {
    return new JsonObject().put("timeout_ms", l.compileTimeoutMs()).put("memory_mb", l.compileMemoryMb());
  }

  /** How long the host waits for the reply to a request with CPU limit {@code timeoutMs}. */
  public static long waitMs(long timeoutMs) {
    return timeoutMs * SandboxSpec.WALL_BACKSTOP_FACTOR * SandboxSpec.STARVED_FACTOR + GRACE_MS;
  }

  /**
   * How long the host waits for the reply to {@code spec} run with CPU limit {@code timeoutMs}:
   * its compile steps, its run or every test of its plan ({@link SandboxSpec#backstopMs()}).
   */
  public static long waitMs(SandboxSpec spec, long timeoutMs) {
    return spec.withLimits(timeoutMs, spec.memoryMb()).backstopMs() + GRACE_MS;
  }

  /**
   * Which run of a reply the machine starved (the runner's {@code starved}: it hit the hard wall
   * limit, {@link SandboxSpec#STARVED_FACTOR} times the backstop, and had waited for a CPU for
   * so long that without the wait it would not have reached the backstop), named for the detail;
   * null when none was.
   */
  static String starved(JsonObject r) {
    String what = null;
    if (r.getBoolean("starved", false)) {
      what = "the program";
    } else if (r.getJsonObject("compile") != null && r.getJsonObject("compile").getBoolean("starved", false)) {
      what = "its compile step";
    } else if (r.getJsonObject("checker_compile") != null
        && r.getJsonObject("checker_compile").getBoolean("starved", false)) {
      what = "the checker's compile step";
    } else {
      for (Object o : r.getJsonArray("cases", new JsonArray())) {
        if (o instanceof JsonObject c && c.getBoolean("starved", false)) {
          what = "test " + c.getInteger("index", -1);
          break;
        }
      }
    }
    return what;
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
    String starved = starved(r);
    if (starved != null) {
      SandboxResult r0 = SandboxResult.starved(starved, wall);
      return notes.isEmpty() ? r0 : r0.withDetail(r0.detail() + "; " + String.join("; ", notes));
    }
    if (r.containsKey("cases")) {
      return ProgramReplies.plan(r, notes);
    }
    CompileResult compile = ProgramReplies.compile(r.getJsonObject("compile"));
    if (compile != null && !compile.ok()) {
      return ProgramReplies.compileFailed(compile, null, notes);
    }
    int exit = r.getInteger("exit_code", -1);
    int signal = r.getInteger("signal", 0);
    boolean memoryError = r.getBoolean("memory_error", false)
        || compile != null && r.getBoolean("killed", false) // an exec'd program: see ProgramReplies
        || compile != null && ProgramReplies.v8OutOfMemory(r.getString("stderr"));
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
        r.getLong("cpu_ms", -1L), r.getLong("maxrss_kb", -1L), String.join("; ", all), compile, null);
  }
}

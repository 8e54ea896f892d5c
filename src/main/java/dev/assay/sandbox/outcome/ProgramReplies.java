package dev.assay.sandbox.outcome;

import dev.assay.sandbox.CompileResult;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.sandbox.TestReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The replies of {@code sandbox/runners/programs.py} (compiled and exec'd programs, test plans)
 * as {@link SandboxResult}s: every run in them (the compile step, each test, a checker's compile)
 * is classified by {@link Verdicts} like a single run. A process the runner did not stop but that
 * died of SIGKILL is memory evidence (the OOM killer of its cgroup or container: the runner makes
 * its programs the first choice of it). Pure: no I/O.
 */
final class ProgramReplies {
  private ProgramReplies() {}

  /** How one run of a reply ended, by the shared precedence. */
  static SandboxStatus status(JsonObject r) {
    return Verdicts.status(evidence(r));
  }

  /**
   * V8's ways of dying when it cannot get memory, read here as well as by the runner (so an image
   * built before a marker was known classifies it too): besides "heap out of memory", a failed
   * {@code SetPermissions} on a reservation (mprotect refused under the memory limit, a SIGTRAP).
   */
  static boolean v8OutOfMemory(String stderr) {
    String head = stderr == null ? "" : stderr.substring(0, Math.min(stderr.length(), 4096));
    return head.contains("Check failed: reservation_.SetPermissions") || head.contains("Fatal process out of memory")
        || head.contains("JavaScript heap out of memory");
  }

  private static Verdicts.Evidence evidence(JsonObject r) {
    return new Verdicts.Evidence(false, r.getBoolean("output_limit", false),
        r.getBoolean("memory_error", false) || r.getBoolean("killed", false) || v8OutOfMemory(r.getString("stderr")),
        r.getBoolean("cpu_limit", false) || r.getBoolean("total_limit", false),
        r.getBoolean("timed_out", false), false, r.getInteger("exit_code", -1), r.getInteger("signal", 0));
  }

  /** The compile step of a reply; null when the reply has none. */
  static CompileResult compile(JsonObject c) {
    if (c == null) {
      return null;
    }
    SandboxStatus s = status(c);
    boolean ok = c.getBoolean("ok", false);
    SandboxStatus st = ok ? SandboxStatus.OK
        : s == SandboxStatus.OK || s == SandboxStatus.RUNTIME_ERROR ? SandboxStatus.COMPILE_ERROR : s;
    long limit = c.getLong("timeout_ms", 0L);
    String detail = switch (st) {
      case OK -> "";
      case COMPILE_ERROR -> "the compiler rejected the program";
      case TIMEOUT -> "compile " + Verdicts.note(evidence(c), st, limit, limit * SandboxSpec.WALL_BACKSTOP_FACTOR);
      case MEMORY -> "compile memory limit";
      default -> "compile " + Verdicts.note(evidence(c), st, limit, limit * SandboxSpec.WALL_BACKSTOP_FACTOR);
    };
    return new CompileResult(st, c.getLong("cpu_ms", -1L), c.getLong("wall_ms", 0L),
        c.getLong("maxrss_kb", -1L), c.getString("hash", ""), c.getString("output", ""), detail);
  }

  /** A compile failure of the program: the result of the whole request. */
  static SandboxResult compileFailed(CompileResult c, TestReport tests, List<String> notes) {
    String detail = "program does not compile" + (c.status() == SandboxStatus.COMPILE_ERROR ? ""
        : " (" + c.status().wire() + ": " + c.detail() + ")");
    return new SandboxResult(SandboxStatus.COMPILE_ERROR, -1, "", c.output(), false, c.wallMs(),
        c.cpuMs(), c.peakMemoryKb(), join(detail, notes), c, tests);
  }

  /** A reply to a request with a test plan. */
  static SandboxResult plan(JsonObject r, List<String> notes) {
    CompileResult compile = compile(r.getJsonObject("compile"));
    CompileResult checker = compile(r.getJsonObject("checker_compile"));
    List<TestReport.Case> cases = new ArrayList<>();
    List<JsonObject> raw = new ArrayList<>();
    for (Object o : r.getJsonArray("cases", new JsonArray())) {
      raw.add((JsonObject) o);
      cases.add(testCase((JsonObject) o));
    }
    int d = decider(cases);
    JsonObject decider = d < 0 ? null : raw.get(d);
    TestReport.Case decided = d < 0 ? null : cases.get(d);
    TestReport tests = new TestReport(cases, r.getBoolean("total_limit_hit", false), checker);
    if (compile != null && !compile.ok()) {
      return compileFailed(compile, tests, notes);
    }
    long cpu = tests.cpuMs() + (compile == null ? 0 : Math.max(0, compile.cpuMs()));
    long peak = cases.stream().mapToLong(TestReport.Case::peakMemoryKb).max().orElse(-1);
    if (checker != null && !checker.ok()) {
      return new SandboxResult(SandboxStatus.OK, 0, "", checker.output(), false,
          r.getLong("wall_ms", 0L), cpu, peak, join("the checker program does not compile", notes),
          compile, tests);
    }
    SandboxStatus status = cases.stream().filter(TestReport.Case::ran).map(TestReport.Case::status)
        .filter(s -> s != SandboxStatus.OK).findFirst().orElse(SandboxStatus.OK);
    String note = decided == null ? "no test ran" : "test " + decided.index() + ": "
        + (decided.message().isEmpty() ? decided.status().wire() : decided.message());
    int exit = decider == null ? 0 : decider.getInteger("signal", 0) != 0 ? -1 : decider.getInteger("exit_code", -1);
    return new SandboxResult(status, exit, decided == null ? "" : decided.output(),
        decider == null ? "" : decider.getString("stderr", ""), decider != null && decider.getBoolean("truncated", false),
        r.getLong("wall_ms", 0L), cpu, peak, join(note, notes), compile, tests);
  }

  /** The test that decides the result: the first whose run did not end ok, else the first that failed, else the last that ran. */
  private static int decider(List<TestReport.Case> cases) {
    int failed = -1;
    int last = -1;
    for (int i = 0; i < cases.size(); i++) {
      TestReport.Case c = cases.get(i);
      if (!c.ran()) {
        continue;
      }
      if (c.status() != SandboxStatus.OK) {
        return i;
      }
      if (failed < 0 && !c.passed()) {
        failed = i;
      }
      last = i;
    }
    return failed >= 0 ? failed : last;
  }

  private static TestReport.Case testCase(JsonObject c) {
    int i = c.getInteger("index");
    String check = c.getString("check", "not_run");
    if (check.equals("not_run")) {
      return new TestReport.Case(i, SandboxStatus.OK, check, 0, 0, -1, "", "");
    }
    SandboxStatus s = status(c);
    long limit = c.getLong("timeout_ms", 0L);
    String message = switch (s) {
      case OK -> c.getString("message", "");
      case TIMEOUT -> c.getBoolean("total_limit", false) ? "the total CPU-time limit of the tests ran out"
          : Verdicts.note(evidence(c), s, limit, limit * SandboxSpec.WALL_BACKSTOP_FACTOR);
      case MEMORY -> "memory limit" + (c.getBoolean("killed", false) ? " (killed by the OOM killer)" : "");
      default -> Verdicts.note(evidence(c), s, limit, limit * SandboxSpec.WALL_BACKSTOP_FACTOR)
          + tail(c.getString("stderr", ""));
    };
    return new TestReport.Case(i, s, check, c.getLong("cpu_ms", -1L), c.getLong("wall_ms", 0L),
        c.getLong("maxrss_kb", -1L), c.getString("output", ""), message);
  }

  private static String tail(String stderr) {
    String t = stderr.strip();
    if (t.isEmpty()) {
      return "";
    }
    int nl = t.lastIndexOf('\n');
    String last = nl < 0 ? t : t.substring(nl + 1);
    return ": " + (last.length() > 200 ? last.substring(0, 200) : last);
  }

  private static String join(String first, List<String> notes) {
    List<String> all = new ArrayList<>();
    if (!first.isEmpty()) {
      all.add(first);
    }
    all.addAll(notes);
    return String.join("; ", all);
  }
}

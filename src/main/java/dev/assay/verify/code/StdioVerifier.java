package dev.assay.verify.code;

import dev.assay.AssayException;
import dev.assay.sandbox.CompileResult;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.sandbox.TestPlan;
import dev.assay.sandbox.TestReport;
import dev.assay.verify.Verdict;
import dev.assay.verify.VerdictReason;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * stdin/stdout tasks ({@code io}) in any sandbox language: the candidate program goes to the
 * sandbox once with every test as a {@link TestPlan}, so it is compiled once, run per test with
 * the per-test limit, checked by the task's checker inside the sandbox, and (unless all tests are
 * asked for) stopped at the first failure. The verdict names the first failing test: its index
 * starts the detail ({@code test 3: expected '7', got '8'}) and {@link CodeVerdict#failedTest()}
 * returns it. A compile step that hits a limit is a {@code compile_error} whose detail starts with
 * that limit's reason ({@code timeout: ...}, {@code memory: ...}).
 */
final class StdioVerifier {
  private StdioVerifier() {}

  static Future<CodeVerdict> verify(Sandbox sandbox, CodeTask task, String candidate,
      CodeVerifier.Limits limits) {
    IoTask io;
    SandboxSpec spec;
    try {
      io = IoTask.of(task);
      long perTest = io.perTestMs(limits.timeoutMs());
      TestPlan plan = new TestPlan(io.inputs(), io.expected(), io.checker(), !limits.allTests(),
          io.totalMs(perTest, limits.totalTimeoutMs()));
      spec = new SandboxSpec(io.language(), candidate, Map.of(), "", perTest, limits.memoryMb(),
          SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES, plan);
    } catch (AssayException e) {
      return Future.failedFuture(e);
    }
    return sandbox.run(spec).compose(r -> verdict(task, r));
  }

  static Future<CodeVerdict> verdict(CodeTask task, SandboxResult r) {
    TestReport rep = r.tests();
    if (r.status() == SandboxStatus.SANDBOX_ERROR || rep == null && r.compile() == null) {
      return done(VerdictReason.SANDBOX_ERROR, r.detail(), List.of(), r);
    }
    List<TestResult> tests = rep == null ? List.of() : results(rep);
    CompileResult c = r.compile();
    if (c != null && !c.ok()) {
      String why = c.status() == SandboxStatus.COMPILE_ERROR ? "does not compile: " + firstLines(c.output())
          : c.status().wire() + ": " + c.detail();
      return done(VerdictReason.COMPILE_ERROR, why, tests, r);
    }
    if (rep.checkerCompile() != null && !rep.checkerCompile().ok()) {
      return Future.failedFuture(AssayException.invalid("task " + task.id() + ": field 'checker': the checker"
          + " program does not compile (" + rep.checkerCompile().status().wire() + "): "
          + firstLines(rep.checkerCompile().output())));
    }
    int i = rep.firstFailure();
    if (i < 0) {
      return rep.allPassed() ? done(VerdictReason.OK, rep.cases().size() + " tests passed", tests, r)
          : done(VerdictReason.RUNTIME_ERROR, "not every test ran: " + r.detail(), tests, r);
    }
    TestReport.Case k = rep.cases().get(i);
    VerdictReason reason = k.status() == SandboxStatus.OK ? VerdictReason.WRONG_ANSWER : VerdictReason.of(k.status());
    return done(reason, "test " + i + ": " + (k.message().isEmpty() ? k.status().wire() : k.message()), tests, r, i);
  }

  private static List<TestResult> results(TestReport rep) {
    List<TestResult> out = new ArrayList<>();
    for (TestReport.Case k : rep.cases()) {
      String status = !k.ran() ? "not_run" : k.passed() ? "pass" : switch (k.status()) {
        case OK -> "fail";
        case TIMEOUT -> "timeout";
        case MEMORY -> "memory";
        case OUTPUT_LIMIT -> "output_limit";
        default -> "error";
      };
      out.add(new TestResult("case " + k.index(), k.passed() && k.ran(), status, k.message()));
    }
    return out;
  }

  private static Future<CodeVerdict> done(VerdictReason reason, String detail, List<TestResult> tests,
      SandboxResult r) {
    return done(reason, detail, tests, r, -1);
  }

  /** {@code failedTest}: the failing test's index (repair feedback quotes it), -1 when no test failed. */
  private static Future<CodeVerdict> done(VerdictReason reason, String detail, List<TestResult> tests,
      SandboxResult r, int failedTest) {
    String d = detail.length() <= 1000 ? detail : detail.substring(0, 1000) + "...";
    return Future.succeededFuture(new CodeVerdict(new Verdict(reason, d, CodeVerifier.VERSION, r.wallMs(), failedTest),
        tests, r));
  }

  private static String firstLines(String s) {
    String t = s.strip();
    return t.length() <= 600 ? t : t.substring(0, 600) + "...";
  }
}

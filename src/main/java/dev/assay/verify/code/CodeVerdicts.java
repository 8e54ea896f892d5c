package dev.assay.verify.code;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.verify.Verdict;
import dev.assay.verify.VerdictReason;
import java.util.List;

/** Maps a sandbox run and the harness report to one verdict. */
final class CodeVerdicts {

  private CodeVerdicts() {}

  static CodeVerdict of(SandboxResult run, HarnessReport rep, long wallMs) {
    if (run.status() == SandboxStatus.SANDBOX_ERROR) {
      return verdict(VerdictReason.SANDBOX_ERROR, run.detail(), rep, run, wallMs);
    }
    if (rep == null) {
      VerdictReason r = run.ok() ? VerdictReason.RUNTIME_ERROR : VerdictReason.of(run.status());
      String why = "no harness report (" + (run.ok() ? "the run ended without it or forged it"
          : run.status().wire() + ", exit " + run.exitCode() + " " + run.detail()).trim() + ")";
      return verdict(r, (why + " " + tail(run.stderr())).trim(), null, run, wallMs);
    }
    String msg = rep.message();
    switch (rep.candidate()) {
      case "ok" -> { }
      case "compile_error" -> {
        return verdict(VerdictReason.COMPILE_ERROR, msg, rep, run, wallMs);
      }
      case "runtime_error", "setup_error" -> {
        return verdict(memoryOr(msg, VerdictReason.RUNTIME_ERROR), msg, rep, run, wallMs);
      }
      case "tamper", "early_exit", "forked" -> {
        return verdict(VerdictReason.RUNTIME_ERROR, rep.candidate() + ": " + msg, rep, run,
            wallMs);
      }
      case "killed" -> {
        VerdictReason r = run.status() == SandboxStatus.OK || run.status()
            == SandboxStatus.RUNTIME_ERROR ? VerdictReason.MEMORY : VerdictReason.of(run.status());
        return verdict(r, msg + " (likely the memory limit)", rep, run, wallMs);
      }
      case "output_limit" -> {
        return verdict(VerdictReason.OUTPUT_LIMIT, msg, rep, run, wallMs);
      }
      default -> {
        return verdict(VerdictReason.SANDBOX_ERROR, rep.candidate() + ": " + msg, rep, run,
            wallMs);
      }
    }
    int i = rep.firstFailure();
    if (rep.timeout() && !decided(rep, i)) {
      int t = i < 0 ? rep.tests().size() - 1 : i;
      String which = t < 0 ? "" : " in test " + t + " (" + rep.tests().get(t).name() + ")";
      return verdict(VerdictReason.TIMEOUT, "time limit hit" + which, rep, run, wallMs, i);
    }
    if (i >= 0) {
      TestResult t = rep.tests().get(i);
      String detail = "test " + i + " (" + t.name() + "): " + t.message();
      VerdictReason r = switch (t.status()) {
        case "tamper" -> VerdictReason.RUNTIME_ERROR;
        case "output_limit" -> VerdictReason.OUTPUT_LIMIT;
        case "timeout" -> VerdictReason.TIMEOUT;
        case "error" -> VerdictReason.RUNTIME_ERROR;
        case "not_run" -> VerdictReason.RUNTIME_ERROR;
        default -> memoryOr(t.message(), VerdictReason.WRONG_ANSWER);
      };
      return verdict(r, ("tamper".equals(t.status()) ? "tamper: " : "") + detail, rep, run,
          wallMs, i);
    }
    if (!rep.ended() || rep.tests().isEmpty()) {
      return verdict(VerdictReason.RUNTIME_ERROR, "the harness did not finish", rep, run, wallMs);
    }
    if (!run.ok()) {
      return verdict(VerdictReason.of(run.status()), run.detail(), rep, run, wallMs);
    }
    return verdict(VerdictReason.OK, rep.tests().size() + " tests passed", rep, run, wallMs);
  }

  /**
   * Whether test {@code i}, the first that did not pass, failed by itself before the time ran out:
   * then it decides the verdict, not a timeout that came later. The budget is the CPU time of all
   * tests together, so whether the tests after a failure also end within it depends on how fast
   * the machine ran them (a memory hog fails every test with MemoryError, each after ~0.2 s of
   * CPU that grows with load); the first failure does not.
   */
  private static boolean decided(HarnessReport rep, int i) {
    if (i < 0) {
      return false;
    }
    String status = rep.tests().get(i).status();
    return !status.equals("timeout") && !status.equals("not_run");
  }

  private static VerdictReason memoryOr(String msg, VerdictReason other) {
    return msg.startsWith("MemoryError") ? VerdictReason.MEMORY : other;
  }

  private static CodeVerdict verdict(VerdictReason r, String detail, HarnessReport rep,
      SandboxResult run, long wallMs) {
    return verdict(r, detail, rep, run, wallMs, -1);
  }

  /** {@code failedTest}: the first failing test's index, -1 when the failure is not a test's. */
  private static CodeVerdict verdict(VerdictReason r, String detail, HarnessReport rep,
      SandboxResult run, long wallMs, int failedTest) {
    List<TestResult> tests = rep == null ? List.of() : rep.tests();
    return new CodeVerdict(new Verdict(r, cut(detail), CodeVerifier.VERSION, wallMs, failedTest),
        tests, run);
  }

  private static String tail(String s) {
    return s.length() <= 400 ? s.strip() : "..." + s.substring(s.length() - 400).strip();
  }

  private static String cut(String s) {
    return s.length() <= 1000 ? s : s.substring(0, 1000) + "...";
  }
}

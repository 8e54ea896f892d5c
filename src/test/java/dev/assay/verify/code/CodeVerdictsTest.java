package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.verify.VerdictReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a harness report becomes one verdict, on reports as the harness writes them. */
class CodeVerdictsTest {
  private static final SandboxResult RAN = new SandboxResult(SandboxStatus.OK, 0, "", "", false, 900, 820, 0, "");

  private static HarnessReport timedOut(TestResult... tests) {
    return new HarnessReport("ok", "", List.of(tests), false, true, "signal 9");
  }

  @Test
  void aTestThatFailedBeforeTheTimeRanOutDecidesNotTheLaterTimeout() {
    // a memory hog fails test 0 with MemoryError, then every later test the same way until the CPU
    // budget of all tests runs out: whether that happens in test 3 or not at all depends on load
    CodeVerdict hog = CodeVerdicts.of(RAN, timedOut(new TestResult("assert f(1) == 2", false, "fail", "MemoryError"),
        new TestResult("assert f(2) == 3", false, "fail", "MemoryError"), new TestResult("assert f(3) == 4", false,
            "timeout", ""), new TestResult("assert f(4) == 5", false, "not_run", "")), 900);
    assertThat(hog.verdict().reason()).isEqualTo(VerdictReason.MEMORY);
    assertThat(hog.verdict().detail()).isEqualTo("test 0 (assert f(1) == 2): MemoryError");
    assertThat(hog.verdict().failedTest()).isZero();
    CodeVerdict wrong = CodeVerdicts.of(RAN, timedOut(new TestResult("t0", true, "pass", ""),
        new TestResult("t1", false, "fail", "AssertionError"), new TestResult("t2", false, "timeout", "")), 900);
    assertThat(wrong.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(wrong.verdict().failedTest()).isEqualTo(1);
  }

  @Test
  void aTimeoutInTheFirstTestThatDidNotPassIsATimeout() {
    CodeVerdict spin = CodeVerdicts.of(RAN, timedOut(new TestResult("t0", true, "pass", ""),
        new TestResult("t1", false, "timeout", ""), new TestResult("t2", false, "not_run", "")), 900);
    assertThat(spin.verdict().reason()).isEqualTo(VerdictReason.TIMEOUT);
    assertThat(spin.verdict().detail()).isEqualTo("time limit hit in test 1 (t1)");
    assertThat(spin.verdict().failedTest()).isEqualTo(1);
    CodeVerdict after = CodeVerdicts.of(RAN, timedOut(new TestResult("t0", true, "pass", "")), 900);
    assertThat(after.verdict().reason()).as("every test passed, then the time ran out").isEqualTo(VerdictReason.TIMEOUT);
    assertThat(after.passed()).isFalse();
  }
}

package dev.assay.verify.proposal;

import dev.assay.verify.code.Fixtures;
import dev.assay.verify.code.LocalSandbox;
import dev.assay.verify.code.CodeVerifier;
import dev.assay.verify.code.CodeTask;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestSuiteJudgeTest {

  static Vertx vertx;
  static CodeVerifier verifier;
  static TestSuiteJudge judge;
  static final String EVEN = "def is_even(n):\n    return n % 2 == 0\n";

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    verifier = new CodeVerifier(new LocalSandbox(vertx), 8_000, 256);
    judge = new TestSuiteJudge(verifier);
  }

  @AfterAll
  static void tearDown() throws Exception {
    Fixtures.await(vertx.close());
  }

  static SuiteJudgement judge(TestSuiteJudge j, String entry, String ref, List<String> tests,
      List<String> cands) throws Exception {
    return Fixtures.await(j.judge(new GeneratedSuite("g", "", entry, ref, tests, cands)));
  }

  @Test
  void aSuiteThatAConstantSolutionPassesIsRejected() throws Exception {
    SuiteJudgement s = judge(judge, "is_even", EVEN,
        List.of("assert is_even(2)", "assert is_even(4) == True", "assert is_even(0)"), List.of());
    assertThat(s.accepted()).isFalse();
    assertThat(Reasons.of(s)).isEqualTo("trivial_solution_passes:constant_1");
    assertThat(s.trivialPassRate()).isEqualTo(1.0);
  }

  @Test
  void aSuiteThatTheInputUnchangedPassesIsRejected() throws Exception {
    SuiteJudgement s = judge(judge, "clean", "def clean(s):\n    return s.strip()\n",
        List.of("assert clean('a') == 'a'", "assert clean('bc') == 'bc'"), List.of());
    assertThat(Reasons.of(s)).isEqualTo("trivial_solution_passes:identity");
  }

  @Test
  void aDiscriminatingSuiteIsKeptWithItsTrivialPassRate() throws Exception {
    SuiteJudgement s = judge(judge, "is_even", EVEN,
        List.of("assert is_even(2)", "assert not is_even(3)", "assert is_even(10) is True"),
        List.of());
    assertThat(s.accepted()).as(s.detail()).isTrue();
    assertThat(Reasons.of(s)).isEqualTo("ok");
    assertThat(s.trivialPassRate()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.dualAgreement()).isEqualTo(-1);
  }

  @Test
  void testsTheReferenceFailsAreDroppedAndTooFewLeftRejects() throws Exception {
    SuiteJudgement s = judge(judge, "is_even", EVEN, List.of("assert is_even(2)",
        "assert is_even(3)", "assert not is_even(5)", "assert is_even(7) == True"), List.of());
    assertThat(s.accepted()).isTrue();
    assertThat(s.droppedTests()).containsExactly(1, 3);
    assertThat(s.keptTests()).containsExactly("assert is_even(2)", "assert not is_even(5)");

    SuiteJudgement bad = judge(judge, "is_even", EVEN,
        List.of("assert is_even(1)", "assert is_even(3)", "assert is_even(4)"), List.of());
    assertThat(bad.accepted()).isFalse();
    assertThat(Reasons.of(bad)).isEqualTo("reference_fails_tests");
    assertThat(bad.droppedTests()).containsExactly(0, 1);
  }

  @Test
  void dualAgreementFindsTheConsensusSetAndItsThresholdRejects() throws Exception {
    List<String> tests = List.of("assert is_even(2)", "assert not is_even(3)",
        "assert is_even(-4)", "assert not is_even(7)");
    List<String> cands = List.of(EVEN,
        "def is_even(n):\n    return n & 1 == 0\n",
        "def is_even(n):\n    return not n % 2\n",
        "def is_even(n):\n    return n > 0 and n % 2 == 0\n",
        "def is_even(n):\n    return n > 0 and n % 2 == 0\n",
        "def is_even(n):\n    return True\n");
    SuiteJudgement s = judge(judge, "is_even", EVEN, tests, cands);
    assertThat(s.accepted()).isTrue();
    assertThat(s.consensusCandidates()).containsExactly(0, 1, 2);
    assertThat(s.consensusTests()).containsExactly(0, 1, 2, 3);
    assertThat(s.dualAgreement()).isEqualTo(3.0 * 4 / (6 * 4));

    TestSuiteJudge strict = new TestSuiteJudge(verifier,
        TestSuiteJudgeOptions.defaults().withThresholds(2, 0.999, 0.6));
    SuiteJudgement r = judge(strict, "is_even", EVEN, tests, cands);
    assertThat(r.accepted()).isFalse();
    assertThat(Reasons.of(r)).isEqualTo("low_dual_agreement");
    assertThat(r.dualAgreement()).isEqualTo(0.5);
  }
}

package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.verify.VerdictReason;
import dev.assay.verify.proposal.AzTaskMaker;
import dev.assay.verify.proposal.ProposedProgram;
import dev.assay.verify.proposal.TaskValidation;
import dev.assay.verify.proposal.TaskValidator;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzTasksTest {

  static Vertx vertx;
  static AzTasks az;
  static ProposedProgram program;
  static TaskValidation valid;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    LocalSandbox sb = new LocalSandbox(vertx);
    az = new AzTasks(sb, new CodeVerifier(sb, 8_000, 256));
    program = ProposedProgram.python("p1", "def f(xs, k):\n    return sorted(xs)[-k:]\n",
        List.of("[3, 1, 2], 2", "[5, 4, 9, 1], 1", "[7], 1", "[2, 2, 3], 3"));
    valid = Fixtures.await(new TaskValidator(sb).validate(program));
    assertThat(valid.valid()).isTrue();
  }

  @AfterAll
  static void tearDown() throws Exception {
    Fixtures.await(vertx.close());
  }

  static VerdictReason check(AzProblem p, String answer) throws Exception {
    return Fixtures.await(az.check(p, answer)).reason();
  }

  @Test
  void deductionComparesWithTheExecutedOutput() throws Exception {
    AzProblem p = AzTaskMaker.deduction(program, valid, 0);
    assertThat(p.prompt()).contains("f([3, 1, 2], 2)").doesNotContain("[2, 3]");
    assertThat(check(p, "[2, 3]")).isEqualTo(VerdictReason.OK);
    assertThat(check(p, "```python\n[2, 3]\n```")).isEqualTo(VerdictReason.OK);
    assertThat(check(p, "[3, 2]")).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(check(p, "(2, 3)")).as("a tuple is not the list f returns")
        .isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(check(p, "sorted([2, 3])")).isEqualTo(VerdictReason.NO_ANSWER);
    assertThat(check(p, "")).isEqualTo(VerdictReason.NO_ANSWER);
  }

  @Test
  void abductionAcceptsAnyInputThatMapsToTheOutput() throws Exception {
    AzProblem p = AzTaskMaker.abduction(program, valid, 0);
    assertThat(p.prompt()).contains("returns [2, 3]");
    assertThat(check(p, "[3, 1, 2], 2")).isEqualTo(VerdictReason.OK);
    assertThat(check(p, "[2, 3], 2")).isEqualTo(VerdictReason.OK);
    assertThat(check(p, "[9, 3, 2, 0], 2")).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(check(p, "'abc', 2")).as("f runs; its output differs")
        .isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(check(p, "5, 2")).as("f raises").isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(check(p, "__import__('os').system('true')")).isEqualTo(VerdictReason.NO_ANSWER);
  }

  @Test
  void inductionIsCheckedOnHeldOutPairsOnly() throws Exception {
    AzProblem p = AzTaskMaker.induction(program, valid, 2, "keeps the k largest");
    assertThat(p.prompt()).contains("f([3, 1, 2], 2) == [2, 3]").contains("f([5, 4, 9, 1], 1)")
        .doesNotContain("[7]").doesNotContain("[2, 2, 3]");
    assertThat(p.data().getJsonArray("held_out")).hasSize(2);
    assertThat(check(p, "def f(xs, k):\n    return sorted(xs, reverse=True)[:k][::-1]\n"))
        .isEqualTo(VerdictReason.OK);
    assertThat(check(p, "def f(xs, k):\n    return sorted(xs)[:1]\n"))
        .isEqualTo(VerdictReason.WRONG_ANSWER);
    // memorising the shown pairs does not pass the held-out ones
    assertThat(check(p, "def f(xs, k):\n    return {3: [2, 3], 4: [9]}.get(len(xs))\n"))
        .isEqualTo(VerdictReason.WRONG_ANSWER);
  }

  @Test
  void everyProgramYieldsAllThreeTypes() {
    List<AzProblem> all = AzTaskMaker.all(program, valid, "");
    assertThat(all).extracting(AzProblem::type).containsOnly("deduction", "abduction",
        "induction");
    assertThat(all).hasSize(2 * 4 + 1);
    assertThat(AzProblem.fromJson(all.get(0).toJson())).isEqualTo(all.get(0));
  }
}

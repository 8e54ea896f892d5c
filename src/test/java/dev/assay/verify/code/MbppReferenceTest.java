package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.verify.VerdictReason;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MbppReferenceTest {

  static Vertx vertx;
  static CodeVerifier verifier;
  static List<CodeTask> tasks;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    verifier = new CodeVerifier(new LocalSandbox(vertx), 30_000, 512);
    tasks = Fixtures.load(Fixtures.MBPP, null);
  }

  @AfterAll
  static void tearDown() throws Exception {
    Fixtures.await(vertx.close());
  }

  // Every MBPP reference passing, with one result per listed test, is LoadedVerdictsTest's job: it
  // verifies all 427 while busy loops hold every core, a stronger form of the same check.

  @Test
  void wrongSolutionsFailWithTheRightReasonAndTheFailingAssert() throws Exception {
    CodeTask similar = byId("2");
    CodeVerdict wrong = Fixtures.await(verifier.verify(similar,
        "def similar_elements(a, b):\n  return tuple(set(a) | set(b))\n"));
    assertThat(wrong.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(wrong.verdict().detail())
        .startsWith("test 0 (assert set(similar_elements((3, 4, 5, 6),(5, 7, 4, 10)))");
    assertThat(wrong.tests()).extracting(TestResult::status).containsOnly("fail");

    CodeVerdict missing = Fixtures.await(verifier.verify(similar, "def other(a, b):\n  return 1\n"));
    assertThat(missing.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(missing.verdict().detail()).contains("NameError");

    CodeVerdict syntax = Fixtures.await(verifier.verify(similar, "def similar_elements(a, b)\n"));
    assertThat(syntax.verdict().reason()).isEqualTo(VerdictReason.COMPILE_ERROR);

    // a partly right solution: the per-test results say which asserts failed
    CodeTask notPrime = byId("3");
    CodeVerdict partial = Fixtures.await(verifier.verify(notPrime,
        "def is_not_prime(n):\n    return n % 2 == 0\n"));
    assertThat(partial.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(partial.tests()).extracting(TestResult::passed)
        .containsExactly(false, true, false, true);

    CodeVerdict memory = Fixtures.await(verifier.verify(notPrime,
        "def is_not_prime(n):\n    return len([0] * (10 ** 12)) > 0\n"));
    assertThat(memory.verdict().reason()).isEqualTo(VerdictReason.MEMORY);

    // MBPP 126 legitimately names its function sum(); that shadowing must keep working
    CodeVerdict sum = Fixtures.await(verifier.verify(byId("126"), byId("126").field("code")));
    assertThat(sum.passed()).isTrue();
  }

  @Test
  void verdictAgreesWithPlainPythonExecution() throws Exception {
    List<CodeTask> sample = new ArrayList<>();
    List<String> cands = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      CodeTask t = tasks.get(i * 17);
      sample.add(t);
      String code = t.field("code");
      cands.add(switch (i % 3) {
        case 0 -> code;
        // same function names, body returns a constant: almost always wrong
        case 1 -> code.replaceAll("(?m)^(def .*:)\\s*$", "$1\n  return None");
        default -> code.replace("+", "-").replace("<", ">=");
      });
    }
    List<CodeVerdict> vs = Fixtures.verifyAll(verifier, sample, cands);
    int failures = 0;
    for (int i = 0; i < sample.size(); i++) {
      CodeTask t = sample.get(i);
      String program = t.raw().getString("test_setup_code", "") + "\n" + cands.get(i) + "\n"
          + String.join("\n", t.testStrings()) + "\n";
      boolean plainPass = Fixtures.plainPython(program, 4_000) == 0;
      assertThat(vs.get(i).passed()).as("task %s candidate %d: %s", t.id(), i, vs.get(i).verdict())
          .isEqualTo(plainPass);
      failures += plainPass ? 0 : 1;
    }
    assertThat(failures).as("the sample holds wrong solutions").isGreaterThan(7);
  }

  private static CodeTask byId(String id) {
    return tasks.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }
}

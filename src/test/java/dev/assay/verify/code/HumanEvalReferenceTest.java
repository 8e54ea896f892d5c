package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.verify.VerdictReason;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HumanEvalReferenceTest {

  static Vertx vertx;
  static CodeVerifier verifier;
  static List<CodeTask> tasks;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    verifier = new CodeVerifier(new LocalSandbox(vertx), 30_000, 512);
    tasks = Fixtures.load(Fixtures.HUMANEVAL, null);
  }

  @AfterAll
  static void tearDown() throws Exception {
    Fixtures.await(vertx.close());
  }

  @Test
  void everyCanonicalSolutionPassesWithPerTestResults() throws Exception {
    assertThat(tasks).hasSize(164).allMatch(t -> t.format().equals("humaneval"));
    List<String> refs = tasks.stream().map(t -> t.field("canonical_solution")).toList();
    List<CodeVerdict> vs = Fixtures.verifyAll(verifier, tasks, refs);
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < vs.size(); i++) {
      if (!vs.get(i).passed()) {
        failed.add(tasks.get(i).id() + ": " + vs.get(i).verdict());
      }
    }
    assertThat(failed).isEmpty();
    int tests = vs.stream().mapToInt(v -> v.tests().size()).sum();
    assertThat(tests).as("check() statements split into tests").isGreaterThan(164 * 3);
    assertThat(vs).allMatch(v -> v.testsPassed() == v.tests().size());
    assertThat(vs.get(0).verdict().verifier()).isEqualTo(CodeVerifier.VERSION);
  }

  @Test
  void wrongSolutionsFailWithTheRightReason() throws Exception {
    CodeTask t0 = tasks.get(0);
    CodeVerdict wrong = Fixtures.await(verifier.verify(t0, "    return True\n"));
    assertThat(wrong.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(wrong.verdict().detail()).startsWith("test 1 (assert candidate(")
        .contains("AssertionError");
    assertThat(wrong.tests().get(0).passed()).isTrue();
    assertThat(wrong.tests().get(1).passed()).isFalse();

    CodeVerdict syntax = Fixtures.await(verifier.verify(t0, "    return (\n"));
    assertThat(syntax.verdict().reason()).isEqualTo(VerdictReason.COMPILE_ERROR);

    CodeVerdict raises = Fixtures.await(verifier.verify(t0, "    return 1 / 0\n"));
    assertThat(raises.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(raises.verdict().detail()).contains("ZeroDivisionError");

    CodeVerdict atImport = Fixtures.await(verifier.verify(t0,
        "    return False\nraise RuntimeError('boom at import')\n"));
    assertThat(atImport.verdict().reason()).isEqualTo(VerdictReason.RUNTIME_ERROR);
    assertThat(atImport.verdict().detail()).contains("boom at import");

    CodeVerifier quick = new CodeVerifier(new LocalSandbox(vertx), 1_500, 256);
    CodeVerdict loops = Fixtures.await(quick.verify(t0, "    while True:\n        pass\n"));
    assertThat(loops.verdict().reason()).isEqualTo(VerdictReason.TIMEOUT);
    assertThat(loops.verdict().detail()).contains("test 0");

    CodeVerdict full = Fixtures.await(verifier.verify(t0,
        "def has_close_elements(numbers, threshold):\n"
            + "    s = sorted(numbers)\n"
            + "    return any(b - a < threshold for a, b in zip(s, s[1:]))\n"));
    assertThat(full.verdict().reason()).as("a full function replaces the stub")
        .isEqualTo(VerdictReason.OK);
  }

  @Test
  void verdictAgreesWithPlainPythonExecution() throws Exception {
    List<CodeTask> sample = new ArrayList<>();
    List<String> cands = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      CodeTask t = tasks.get(i * 6);
      sample.add(t);
      // alternately the right body, a neighbour's body (usually wrong), a constant, and None
      cands.add(switch (i % 4) {
        case 0 -> t.field("canonical_solution");
        case 1 -> tasks.get(i * 6 + 1).field("canonical_solution");
        case 2 -> "    return 0\n";
        default -> "    return " + (i % 8 == 3 ? "[]" : "''") + "\n";
      });
    }
    List<CodeVerdict> vs = Fixtures.verifyAll(verifier, sample, cands);
    int agreedFailures = 0;
    for (int i = 0; i < sample.size(); i++) {
      CodeTask t = sample.get(i);
      String program = t.field("prompt") + cands.get(i) + "\n" + t.field("test") + "\n"
          + "check(" + t.field("entry_point") + ")\n";
      boolean plainPass = Fixtures.plainPython(program, 4_000) == 0;
      assertThat(vs.get(i).passed()).as("task %s candidate %d: %s", t.id(), i, vs.get(i).verdict())
          .isEqualTo(plainPass);
      agreedFailures += plainPass ? 0 : 1;
    }
    assertThat(agreedFailures).as("the sample holds wrong solutions").isGreaterThan(10);
  }
}

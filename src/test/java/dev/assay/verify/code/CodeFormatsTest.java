package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.verify.VerdictReason;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CodeFormatsTest {

  static Vertx vertx;
  static CodeVerifier verifier;
  static final CodeTask SEED = CodeTask.fromJson(new JsonObject()
      .put("id", "seed/1")
      .put("prompt", "def double(x):\n    \"\"\"Return twice x.\"\"\"\n")
      .put("entry_point", "double")
      .put("tests", new JsonArray().add("assert double(2) == 4").add("assert double(-3) == -6")),
      null);
  static final CodeTask SUM_IO = CodeTask.fromJson(new JsonObject()
      .put("id", "io/sum")
      .put("tests", new JsonArray()
          .add(new JsonObject().put("input", "1 2\n").put("output", "3\n"))
          .add(new JsonObject().put("input", "10 -4\n").put("output", "6"))
          .add(new JsonObject().put("input", "3\n4\n").put("output", "7\n\n"))), null);

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    verifier = new CodeVerifier(new LocalSandbox(vertx), 8_000, 256);
  }

  @AfterAll
  static void tearDown() throws Exception {
    Fixtures.await(vertx.close());
  }

  @Test
  void formatsAreDetectedAndBadTasksRejected() {
    assertThat(SEED.format()).isEqualTo("seed");
    assertThat(SUM_IO.format()).isEqualTo("io");
    assertThat(CodeTask.detect(new JsonObject().put("language", "java").put("tests",
        new JsonArray()))).isEqualTo("java");
    assertThatThrownBy(() -> CodeTask.fromJson(new JsonObject().put("id", 1), null))
        .isInstanceOf(AssayException.class).hasMessageContaining("cannot tell the format");
    assertThatThrownBy(() -> CodeTask.fromJson(new JsonObject().put("id", 1), "mbpp"))
        .isInstanceOf(AssayException.class).hasMessageContaining("test_list");
  }

  @Test
  void seedCandidateMayBeABodyOrAFullFunction() throws Exception {
    assertThat(Fixtures.await(verifier.verify(SEED, "    return x * 2\n")).passed()).isTrue();
    assertThat(Fixtures.await(verifier.verify(SEED,
        "def double(x):\n    return x + x\n")).passed()).isTrue();
    CodeVerdict wrong = Fixtures.await(verifier.verify(SEED, "    return x * x\n"));
    assertThat(wrong.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(wrong.tests()).extracting(TestResult::passed).containsExactly(true, false);
    assertThat(wrong.verdict().detail()).isEqualTo("test 1 (assert double(-3) == -6): "
        + "AssertionError");
    CodeVerdict empty = Fixtures.await(verifier.verify(SEED, "  "));
    assertThat(empty.verdict().reason()).isEqualTo(VerdictReason.NO_ANSWER);
  }

  @Test
  void theVerdictNamesTheFirstFailingTestOnlyWhenATestFailed() throws Exception {
    CodeVerdict second = Fixtures.await(verifier.verify(SEED, "    return x * x\n"));
    assertThat(second.verdict().failedTest()).isEqualTo(1);
    CodeVerdict first = Fixtures.await(verifier.verify(SEED, "    return x + 1\n"));
    assertThat(first.verdict().failedTest()).as("%s", first.verdict()).isEqualTo(0);
    CodeVerdict raises = Fixtures.await(verifier.verify(SEED, "    raise KeyError(x)\n"));
    assertThat(raises.verdict().failedTest()).isEqualTo(0);
    CodeVerdict io = Fixtures.await(verifier.verify(SUM_IO,
        "import sys\nxs = sys.stdin.read().split()\nprint(int(xs[0]) + int(xs[1]) if xs[0] != '3' else 0)\n"));
    assertThat(io.verdict().failedTest()).as("%s", io.verdict()).isEqualTo(2);

    CodeVerdict passes = Fixtures.await(verifier.verify(SEED, "    return x * 2\n"));
    assertThat(passes.verdict().failedTest()).isEqualTo(-1);
    CodeVerdict broken = Fixtures.await(verifier.verify(SEED, "def double(x:\n    return 1\n"));
    assertThat(broken.verdict().reason()).isEqualTo(VerdictReason.COMPILE_ERROR);
    assertThat(broken.verdict().failedTest()).as("a compile error is not a test's failure").isEqualTo(-1);
    CodeVerdict crashes = Fixtures.await(verifier.verify(SEED, "raise SystemError('at import')\n"));
    assertThat(crashes.passed()).isFalse();
    assertThat(crashes.verdict().failedTest()).as("%s", crashes.verdict()).isEqualTo(-1);
    assertThat(dev.assay.verify.Verdict.fromJson(second.verdict().toJson())).isEqualTo(second.verdict());
    var bus = dev.assay.Bus.json();
    assertThat(bus.readValue(bus.writeValueAsBytes(second.verdict()), dev.assay.verify.Verdict.class))
        .as("as the event bus writes it").isEqualTo(second.verdict());
    assertThat(new dev.assay.verify.Verdict(VerdictReason.OK, "", "math/1", 3).failedTest()).isEqualTo(-1);
  }

  @Test
  void ioOutputsCompareWhitespaceTolerantly() throws Exception {
    CodeVerdict ok = Fixtures.await(verifier.verify(SUM_IO,
        "import sys\nxs = sys.stdin.read().split()\nprint( int(xs[0]) + int(xs[1]), ' ')\n"));
    assertThat(ok.verdict().reason()).as("%s", ok.verdict()).isEqualTo(VerdictReason.OK);
    assertThat(ok.tests()).hasSize(3).allMatch(TestResult::passed);

    CodeVerdict exits = Fixtures.await(verifier.verify(SUM_IO,
        "import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\nsys.exit(0)\n"));
    assertThat(exits.passed()).as("sys.exit(0) after printing is a normal end").isTrue();
  }

  @Test
  void ioWrongOutputCrashAndHangAreTold() throws Exception {
    CodeVerdict wrong = Fixtures.await(verifier.verify(SUM_IO,
        "a, b = map(int, open(0).read().split())\nprint(a * b)\n"));
    assertThat(wrong.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(wrong.verdict().detail()).contains("case 0").contains("expected '3\\n', got '2\\n'");
    assertThat(wrong.tests()).extracting(TestResult::passed).containsExactly(false, false, false);

    CodeVerdict crash = Fixtures.await(verifier.verify(SUM_IO, "raise ValueError('no')\n"));
    assertThat(crash.verdict().reason()).isEqualTo(VerdictReason.RUNTIME_ERROR);
    assertThat(crash.verdict().detail()).contains("exit 1");

    CodeVerdict silent = Fixtures.await(verifier.verify(SUM_IO, "import sys\nsys.exit(0)\n"));
    assertThat(silent.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);

    CodeVerifier quick = new CodeVerifier(new LocalSandbox(vertx), 1_500, 256);
    CodeVerdict hang = Fixtures.await(quick.verify(SUM_IO, "while True:\n    pass\n"));
    assertThat(hang.verdict().reason()).isEqualTo(VerdictReason.TIMEOUT);
    // The plan stops at the first failure, so the cases after the hung one are not run; on a loaded
    // machine the limit can hit before the harness reports any case at all.
    assertThat(hang.tests()).noneMatch(TestResult::passed);
    if (!hang.tests().isEmpty()) assertThat(hang.tests().get(0).status()).isEqualTo("timeout");
  }

  @Test
  void ioExpectedOutputsAreNotReadableByTheCandidate() throws Exception {
    // the harness drains its stdin (where the expected outputs come) before any case runs,
    // and each case's process zeroes its copy; the harness's pipe holds nothing to grab
    CodeVerdict v = Fixtures.await(verifier.verify(SUM_IO, """
        import os, sys
        try:
            fd = os.open("/proc/%d/fd/0" % os.getppid(), os.O_RDONLY | os.O_NONBLOCK)
            data = os.read(fd, 1 << 20).decode()
        except OSError as e:
            data = "unreadable " + str(e)
        print("grabbed", repr(data), file=sys.stderr)
        print(data.strip().splitlines()[-1][2:3] if data.strip() else "nothing")
        """));
    assertThat(v.passed()).isFalse();
    assertThat(v.run().stderr()).contains("grabbed").doesNotContain("\\n\"]");
    assertThat(v.tests().get(0).message()).contains("got 'nothing");
  }

  @Test
  void aTaskWithManyLongTestsStillReportsEveryTest() throws Exception {
    JsonArray tests = new JsonArray();
    String pad = "x".repeat(300);
    for (int i = 0; i < 400; i++) {
      tests.add("assert double(" + i + ") == " + (2 * i) + ", '" + pad + "'");
    }
    CodeTask many = CodeTask.fromJson(new JsonObject().put("id", "seed/many")
        .put("prompt", "").put("entry_point", "double").put("tests", tests), null);
    CodeVerdict v = Fixtures.await(verifier.verify(many,
        "def double(x):\n    if x == 399:\n        raise ValueError('y' * 2000)\n"
            + "    return 2 * x\n"));
    assertThat(v.tests()).hasSize(400);
    assertThat(v.testsPassed()).isEqualTo(399);
    assertThat(v.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(v.verdict().detail()).startsWith("test 399").contains("ValueError");
  }

  @Test
  void aCorrectCandidateThatPrintsALotStillPasses() throws Exception {
    CodeVerdict v = Fixtures.await(verifier.verify(SEED,
        "def double(x):\n    print('debug ' * 50000)\n    return 2 * x\n"));
    assertThat(v.verdict().reason()).as("%s", v.verdict()).isEqualTo(VerdictReason.OK);
  }
}

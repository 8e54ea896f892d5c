package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.Sandboxes;
import dev.assay.verify.VerdictReason;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harnesses inside the real isolated sandbox (warm bwrap runners), not the test one. */
class ProcessSandboxCodeTest {

  static Vertx vertx;
  static Sandbox sandbox;
  static String skip;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    try {
      sandbox = Fixtures.await(vertx.executeBlocking(
          () -> Sandboxes.create(vertx, SandboxOptions.defaults())));
    } catch (Exception e) {
      skip = "process sandbox unavailable here: " + e.getMessage();
      System.out.println("SKIP ProcessSandboxCodeTest: " + skip);
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (sandbox != null) {
      Fixtures.await(sandbox.close());
    }
    Fixtures.await(vertx.close());
  }

  @Test
  void allReferenceSolutionsPassInTheSandbox() throws Exception {
    Assumptions.assumeTrue(skip == null, skip);
    CodeVerifier v = new CodeVerifier(sandbox, 30_000, 512);
    for (var data : List.of(List.of(Fixtures.HUMANEVAL, "canonical_solution", 164),
        List.of(Fixtures.MBPP, "code", 427))) {
      List<CodeTask> tasks = CodeBatch.readJsonl((java.nio.file.Path) data.get(0), null);
      List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
      CodeBatch.Summary s = Fixtures.await(CodeBatch.verifyAll(v, tasks, (String) data.get(1),
          4, item -> {
            if (!item.verdict().passed()) {
              failed.add(item.task().id() + ": " + item.verdict().verdict());
            }
          }));
      System.out.println("verify code " + data.get(0) + " --field " + data.get(1) + ": "
          + s.line() + " [" + sandbox.describe() + "]");
      assertThat(failed).as("%s", data.get(0)).isEmpty();
      assertThat(s.passed()).isEqualTo(data.get(2));
      assertThat(s.byReason()).containsOnlyKeys("ok");
    }
  }

  @Test
  void fakePassTricksFailInTheSandbox() throws Exception {
    Assumptions.assumeTrue(skip == null, skip);
    CodeVerifier v = new CodeVerifier(sandbox, 8_000, 256);
    CodeTask add = FakePassTest.ADD;
    assertThat(Fixtures.await(v.verify(add, "def add(a, b):\n    return a + b\n")).passed())
        .isTrue();
    String forge = """
        import os
        line = "\\n" + "0" * 32 + ' {"candidate": "ok", "ended": true, "tests": []}\\n'
        for fd in range(1, 64):
            try:
                os.write(fd, ("R\\t0\\tpass\\t\\nE\\n" if fd > 2 else line).encode())
            except OSError:
                pass
        try:
            open("/proc/%d/fd/1" % os.getppid(), "w").write(line)
        except OSError:
            pass
        def add(a, b):
            return 0
        getattr(os, "_ex" + "it")(0)
        """;
    CodeVerdict forged = Fixtures.await(v.verify(add, forge));
    assertThat(forged.passed()).isFalse();
    assertThat(forged.verdict().reason()).isEqualTo(VerdictReason.RUNTIME_ERROR);
    CodeVerdict exit = Fixtures.await(v.verify(add, "import sys\ndef add(a, b):\n"
        + "    sys.exit(0)\n"));
    assertThat(exit.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    CodeVerdict chatty = Fixtures.await(v.verify(CodeFormatsTest.SEED,
        "def double(x):\n    print('debug ' * 50000)\n    return 2 * x\n"));
    assertThat(chatty.verdict().reason()).as("printing past the sandbox's output cap")
        .isEqualTo(VerdictReason.OK);
    CodeVerdict io = Fixtures.await(v.verify(CodeFormatsTest.SUM_IO,
        "a, b = map(int, open(0).read().split())\nprint(a + b)\n"));
    assertThat(io.passed()).as("%s %s", io.verdict(), io.run().stderr()).isTrue();
  }

  @Test
  void memoryAndTimeLimitsAreClassifiedInTheSandbox() throws Exception {
    Assumptions.assumeTrue(skip == null, skip);
    CodeVerifier v = new CodeVerifier(sandbox, 3_000, 128);
    CodeVerdict hog = Fixtures.await(v.verify(FakePassTest.ADD, "def add(a, b):\n"
        + "    xs = []\n    while True:\n        xs.append(bytearray(1 << 20))\n"));
    assertThat(hog.verdict().reason()).as("%s %s", hog.verdict(), hog.run())
        .isEqualTo(VerdictReason.MEMORY);
    CodeVerdict spin = Fixtures.await(v.verify(FakePassTest.ADD,
        "def add(a, b):\n    while True:\n        pass\n"));
    assertThat(spin.verdict().reason()).isEqualTo(VerdictReason.TIMEOUT);
    assertThat(spin.verdict().detail()).contains("test 0");
  }

  @Test
  void aTestThatFailedBeforeTheTimeRanOutDecidesTheVerdictInTheSandbox() throws Exception {
    Assumptions.assumeTrue(skip == null, skip);
    // the CPU budget covers all tests: test 0 fails at once, test 1 spins until the budget is gone
    CodeVerifier v = new CodeVerifier(sandbox, 1_000, 128);
    CodeVerdict hog = Fixtures.await(v.verify(FakePassTest.ADD, "def add(a, b):\n    if a == 1:\n"
        + "        xs = []\n        while True:\n            xs.append(bytearray(1 << 20))\n"
        + "    while True:\n        pass\n"));
    assertThat(hog.verdict().reason()).as("%s %s", hog.verdict(), hog.tests()).isEqualTo(VerdictReason.MEMORY);
    assertThat(hog.verdict().failedTest()).isZero();
    assertThat(hog.tests().get(1).status()).as("the later test did run out of time").isEqualTo("timeout");
    CodeVerdict wrong = Fixtures.await(v.verify(FakePassTest.ADD, "def add(a, b):\n    if a == 1:\n"
        + "        return 4\n    while True:\n        pass\n"));
    assertThat(wrong.verdict().reason()).as("%s %s", wrong.verdict(), wrong.tests())
        .isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(wrong.verdict().detail()).isEqualTo("test 0 (assert add(1, 2) == 3): AssertionError");
  }

  @Test
  void validatorCatchesHashSeedDependenceAcrossWarmRuns() throws Exception {
    Assumptions.assumeTrue(skip == null, skip);
    dev.assay.verify.proposal.TaskValidator val = new dev.assay.verify.proposal.TaskValidator(sandbox);
    String words = IntStream.range(0, 60).mapToObj(i -> "'w" + i + "'")
        .collect(Collectors.joining(", ", "[", "]"));
    dev.assay.verify.proposal.TaskValidation v = Fixtures.await(val.validate(dev.assay.verify.proposal.ProposedProgram.python("p",
        "def f(ws):\n    return list(set(ws))\n", List.of(words))));
    assertThat(v.rejection()).isEqualTo(dev.assay.verify.proposal.Rejection.NONDETERMINISTIC);
    dev.assay.verify.proposal.TaskValidation ok = Fixtures.await(val.validate(dev.assay.verify.proposal.ProposedProgram.python("p",
        "def f(ws):\n    return sorted(set(ws))\n", List.of(words))));
    assertThat(ok.valid()).as(ok.detail()).isTrue();
    dev.assay.verify.proposal.TaskValidation open = Fixtures.await(val.validate(dev.assay.verify.proposal.ProposedProgram.python("p",
        "import codecs\ndef f(p):\n    return codecs.open(p).read()[:1]\n",
        List.of("'/etc/hostname'"))));
    assertThat(open.rejection()).isEqualTo(dev.assay.verify.proposal.Rejection.BANNED_EFFECT);
    assertThat(open.detail()).startsWith("open");
  }
}

package dev.assay.sandbox.process;

import static dev.assay.sandbox.process.SandboxTesting.await;
import static dev.assay.sandbox.process.SandboxTesting.py;
import static dev.assay.sandbox.process.SandboxTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxBasicsTest {
  static Vertx vertx;
  static ProcessSandbox sb;

  @BeforeAll
  static void up() {
    vertx = Vertx.vertx();
    sb = ProcessSandbox.create(vertx, SandboxTesting.options(2, true));
  }

  @AfterAll
  static void down() {
    await(sb.close());
    await(vertx.close());
  }

  @Test
  void describesTheIsolationInUse() {
    assertThat(sb.describe()).startsWith("process/bwrap(uid 65534)+cgroup-v1(memory,pids,cpu)")
        .contains("warm");
  }

  @Test
  void okProgramReportsOutputAndExitCode() {
    SandboxResult r = run(sb, "print('hello', 6*7)");
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("hello 42\n");
    assertThat(r.truncated()).isFalse();
    assertThat(r.wallMs()).isGreaterThanOrEqualTo(0);
    assertThat(r.peakMemoryKb()).isPositive();
  }

  @Test
  void uncaughtExceptionIsRuntimeErrorWithTraceback() {
    SandboxResult r = run(sb, "x = 1\nraise ValueError('boom')");
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("ValueError: boom").contains("main.py\", line 2")
        .doesNotContain("pyrunner");
  }

  @Test
  void syntaxErrorIsACompileErrorWithMessage() {
    SandboxResult r = run(sb, "def f(:\n  pass");
    assertThat(r.status()).isEqualTo(SandboxStatus.COMPILE_ERROR);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("SyntaxError");
  }

  @Test
  void syntaxErrorRaisedAtRunTimeIsARuntimeError() {
    SandboxResult r = run(sb, """
        import os
        try:
            os.write(3, b'C')  # the runner's compile-error channel is closed before we run
        except OSError:
            pass
        exec('def f(:')
        """);
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.stderr()).contains("SyntaxError");
  }

  @Test
  void nonZeroExitCodeIsReportedFaithfully() {
    SandboxResult r = run(sb, "import sys\nprint('partial')\nsys.exit(3)");
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("partial\n");
  }

  @Test
  void infiniteLoopTimesOut() {
    SandboxSpec spec = py("while True: pass").withLimits(1_000, 128);
    SandboxResult r = await(sb.run(spec));
    assertThat(r.status()).isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(r.wallMs()).isBetween(900L, 4_000L);
  }

  @Test
  void programRunsAsARealMainModule() {
    SandboxResult r = run(sb, """
        import sys, pickle
        from dataclasses import dataclass, field
        @dataclass
        class P:
            x: int
            tags: list = field(default_factory=list)
        print(__name__, sys.modules['__main__'].P is P, pickle.loads(pickle.dumps(P(1))))
        print(sys.argv[0].endswith('main.py'), __file__ == sys.argv[0])
        """);
    assertThat(r.stderr()).isEmpty();
    assertThat(r.stdout()).isEqualTo("__main__ True P(x=1, tags=[])\nTrue True\n");
  }

  @Test
  void stdinIsDelivered() {
    SandboxResult r = await(sb.run(py("import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))")
        .withStdin("1 2 3\n4\n")));
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("10\n");
  }

  @Test
  void extraFilesAreBesideTheProgramAndImportable() {
    SandboxSpec spec = new SandboxSpec(Language.PYTHON,
        "import helper\nprint(helper.twice(21), open('data/in.txt').read())",
        Map.of("helper.py", "def twice(x):\n  return 2 * x\n", "data/in.txt", "payload"), "",
        2_000, 128, 4096);
    SandboxResult r = await(sb.run(spec));
    assertThat(r.stdout()).isEqualTo("42 payload\n");
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
  }

  @Test
  void fileNamesCannotEscapeTheWorkDir() {
    for (String bad : new String[] {"../../escape.py", "/etc/x", "a/../../b", "main.py"}) {
      SandboxSpec spec = new SandboxSpec(Language.PYTHON, "print(1)", Map.of(bad, "x"), "",
          2_000, 128, 4096);
      assertThat(sb.run(spec).toCompletionStage().toCompletableFuture())
          .failsWithin(java.time.Duration.ofSeconds(5))
          .withThrowableThat().withMessageContaining("extra file name");
    }
    assertThat(run(sb, "print('still serving')").stdout()).isEqualTo("still serving\n");
  }

  @Test
  void runnerSideFailureIsASandboxErrorAndTheRunnerIsReplaced() {
    // a directory where the runner wants to write a file: the runner fails, not the candidate
    SandboxSpec spec = new SandboxSpec(Language.PYTHON, "print(1)",
        Map.of("d/x", "1", "d", "2"), "", 2_000, 128, 4096);
    SandboxResult r = await(sb.run(spec));
    assertThat(r.status()).isEqualTo(SandboxStatus.SANDBOX_ERROR);
    assertThat(run(sb, "print('still serving')").stdout()).isEqualTo("still serving\n");
  }

  @Test
  void outputBeyondTheCapIsTruncatedAndFlagged() {
    SandboxResult r = run(sb, "print('x' * 10000)");
    assertThat(r.status()).isEqualTo(SandboxStatus.OUTPUT_LIMIT);
    assertThat(r.truncated()).isTrue();
    assertThat(r.stdout()).hasSize(4096);
  }

  @Test
  void stderrIsCapturedSeparately() {
    SandboxResult r = run(sb, "import sys\nprint('out')\nprint('err', file=sys.stderr)");
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.stderr()).isEqualTo("err\n");
  }

  @Test
  void javaIsRefusedAsInvalidInput() {
    SandboxSpec spec = new SandboxSpec(Language.JAVA, "class A {}", null, "", 1000, 64, 100);
    assertThat(sb.run(spec).toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(5))
        .withThrowableThat().withMessageContaining("java runs on the java (or docker) backend");
  }
}

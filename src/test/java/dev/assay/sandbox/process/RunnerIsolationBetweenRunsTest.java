package dev.assay.sandbox.process;

import static dev.assay.sandbox.process.SandboxTesting.await;
import static dev.assay.sandbox.process.SandboxTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One runner (pool of 1): whatever a run does to its environment, the next run in the same
 * runner gets the same verdict it would get on a fresh runner.
 */
@Tag("e2e")
class RunnerIsolationBetweenRunsTest {
  /** A verdict-bearing probe: prints what it sees; "clean" only if nothing is left over. */
  static final String PROBE = """
      import os, sys, json, math, random, builtins, threading, time
      problems = []
      if sorted(os.listdir('/tmp')) != ['run%s' % os.path.basename(os.getcwd())[3:]]:
          problems.append('tmp:' + ','.join(sorted(os.listdir('/tmp'))))
      if os.listdir('.') != ['main.py']:
          problems.append('cwd:' + ','.join(os.listdir('.')))
      if os.path.exists('/dev/shm') and os.listdir('/dev/shm'):
          problems.append('shm')
      if json.dumps({'a': 1}) != '{"a": 1}' or math.pi != 3.141592653589793:
          problems.append('modules')
      if builtins.print is not print or 'poison' in dir(builtins):
          problems.append('builtins')
      if sys.getrecursionlimit() != 1000 or 'EVIL' in os.environ:
          problems.append('interpreter')
      if threading.active_count() != 1:
          problems.append('threads')
      pids = [p for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid())]
      if pids:
          problems.append('pids:' + ','.join(pids))
      if oct(os.stat('/dev/null').st_mode) != '0o20666':
          problems.append('devnull')
      st = open('/proc/1/stat').read().split()[21]
      print('clean' if not problems else 'DIRTY ' + ' '.join(problems))
      print('runner', st)
      """;

  Vertx vertx;
  ProcessSandbox sb;

  @BeforeEach
  void up() {
    vertx = Vertx.vertx();
    sb = ProcessSandbox.create(vertx, SandboxTesting.options(1, true));
  }

  @AfterEach
  void down() {
    await(sb.close());
    await(vertx.close());
  }

  /** Runs the polluter then the probe; returns [polluter runner id, probe result]. */
  private SandboxResult afterPolluter(String polluter) {
    String before = runnerOf(run(sb, PROBE));
    SandboxResult p = run(sb, polluter);
    assertThat(p.status()).as("polluter: %s", p).isNotEqualTo(SandboxStatus.SANDBOX_ERROR);
    SandboxResult probe = run(sb, PROBE);
    assertThat(probe.status()).isEqualTo(SandboxStatus.OK);
    assertThat(probe.stdout()).as("probe after polluter").startsWith("clean\n");
    lastRunnerBefore = before;
    return probe;
  }

  private String lastRunnerBefore;

  private static String runnerOf(SandboxResult r) {
    return r.stdout().lines().filter(l -> l.startsWith("runner ")).findFirst().orElseThrow();
  }

  @Test
  void filesWrittenToTmpShmAndCwdAreGoneForTheNextRun() {
    SandboxResult probe = afterPolluter("""
        import os
        open('/tmp/flag', 'w').write('x')
        os.makedirs('/tmp/deep/er', exist_ok=True)
        open('/tmp/deep/er/f', 'w').write('x')
        open('/dev/shm/flag', 'w').write('x')
        open('left.txt', 'w').write('x')
        """);
    assertThat(runnerOf(probe)).as("same runner served both").isEqualTo(lastRunnerBefore);
  }

  @Test
  void changedModuleGlobalsAndBuiltinsDoNotReachTheNextRun() {
    SandboxResult probe = afterPolluter("""
        import json, math, builtins, sys, os
        json.dumps = lambda *a, **k: 'HACKED'
        math.pi = 3
        builtins.poison = True
        builtins.print = lambda *a, **k: None
        sys.setrecursionlimit(50)
        os.environ['EVIL'] = '1'
        """);
    assertThat(runnerOf(probe)).isEqualTo(lastRunnerBefore);
  }

  @Test
  void leftoverDaemonThreadAndDaemonChildDoNotReachTheNextRun() {
    SandboxResult probe = afterPolluter("""
        import os, threading, time
        def later():
            time.sleep(0.3)
            open('/tmp/late-thread', 'w').write('x')
        threading.Thread(target=later, daemon=True).start()
        if os.fork() == 0:
            os.setsid()
            time.sleep(0.3)
            open('/tmp/late-child', 'w').write('x')
            os._exit(0)
        print('done')
        """);
    SandboxTesting.sleep(500);
    SandboxResult again = run(sb, PROBE);
    assertThat(again.stdout()).startsWith("clean\n");
    assertThat(runnerOf(probe)).isEqualTo(lastRunnerBefore);
  }

  @Test
  void timedOutRunWithChildrenDoesNotReachTheNextRun() {
    afterPolluter("""
        import os, time
        for _ in range(5):
            if os.fork() == 0:
                break
        open('/tmp/spin%d' % os.getpid(), 'w').write('x')
        while True:
            time.sleep(0.01)
        """);
  }

  @Test
  void tamperedDevGetsTheRunnerReplacedAndHostDevNodesAreUntouchable() throws Exception {
    SandboxResult probe = afterPolluter("""
        import os
        open('/dev/evil', 'w').write('x')
        os.chmod('/dev/null', 0o600)
        """);
    assertThat(runnerOf(probe)).as("a new runner").isNotEqualTo(lastRunnerBefore);
    assertThat(java.nio.file.Files.getPosixFilePermissions(java.nio.file.Path.of("/dev/null")))
        .as("host /dev/null").hasSize(6);
  }

  @Test
  void unremovableDirGetsTheRunnerReplaced() {
    SandboxResult probe = afterPolluter("""
        import os
        os.makedirs('/tmp/locked/inner')
        open('/tmp/locked/inner/f', 'w').write('x')
        os.chmod('/tmp/locked', 0)
        """);
    assertThat(runnerOf(probe)).isNotEqualTo(lastRunnerBefore);
  }

  @Test
  void aPassingVerdictIsTheSameBeforeAndAfterAHostileRun() {
    String check = "import sys\nprint(sum(map(int, sys.stdin.read().split())))";
    SandboxResult first = await(sb.run(SandboxTesting.py(check).withStdin("1 2 3")));
    run(sb, "import builtins, sys\nsys.stdout.write = None\nbuiltins.sum = lambda *a: 0\n"
        + "open('/tmp/x','w')\nimport os\nos.fork()");
    SandboxResult second = await(sb.run(SandboxTesting.py(check).withStdin("1 2 3")));
    assertThat(second.status()).isEqualTo(first.status()).isEqualTo(SandboxStatus.OK);
    assertThat(second.stdout()).isEqualTo(first.stdout()).isEqualTo("6\n");
    assertThat(second.exitCode()).isEqualTo(first.exitCode());
  }
}

package dev.assay.sandbox.process;

import static dev.assay.sandbox.process.SandboxTesting.await;
import static dev.assay.sandbox.process.SandboxTesting.py;
import static dev.assay.sandbox.process.SandboxTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile program of issue 3, submitted as a candidate: it is stopped and classified,
 * leaves no process behind (the sandbox's cgroups hold only the idle runners afterwards), changes
 * nothing outside its temp dir, and the pool keeps serving.
 */
@Tag("e2e")
class ProcessSandboxContainmentTest {
  static Vertx vertx;
  static ProcessSandbox sb;
  static int idle;

  @BeforeAll
  static void up() {
    vertx = Vertx.vertx();
    sb = ProcessSandbox.create(vertx, SandboxTesting.options(2, true));
    List<Future<SandboxResult>> warm = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      warm.add(sb.run(py("print(1)")));
    }
    warm.forEach(SandboxTesting::await);
    SandboxTesting.sleep(200);
    idle = sb.processes().size();
  }

  @AfterAll
  static void down() {
    await(sb.close());
    await(vertx.close());
  }

  @AfterEach
  void nothingLeftAndPoolStillServes() {
    assertThat(SandboxTesting.strays(sb, idle)).as("processes left in the sandbox cgroups").isEmpty();
    for (int i = 0; i < 2; i++) {
      SandboxResult r = run(sb, "print('still serving')");
      assertThat(r.status()).isEqualTo(SandboxStatus.OK);
      assertThat(r.stdout()).isEqualTo("still serving\n");
    }
  }

  @Test
  void forkBombIsContainedAndClassified() {
    SandboxResult r = await(sb.run(py("""
        import os
        while True:
            try:
                os.fork()
            except OSError:
                pass
        """).withLimits(1_500, 128)));
    assertThat(r.status()).isIn(SandboxStatus.TIMEOUT, SandboxStatus.RUNTIME_ERROR);
    assertThat(r.detail()).contains("process limit hit");
  }

  @Test
  void memoryHogIsKilledAndClassifiedAsMemory() {
    SandboxResult r = await(sb.run(py("s = 'a' * (400 * 1024 * 1024)\nprint(len(s))")
        .withLimits(5_000, 64)));
    assertThat(r.status()).isEqualTo(SandboxStatus.MEMORY);
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void growingMemoryHogIsKilledAndClassifiedAsMemory() {
    SandboxResult r = await(sb.run(py("a = []\nwhile True:\n    a.append(' ' * 1_000_000)")
        .withLimits(5_000, 64)));
    assertThat(r.status()).isEqualTo(SandboxStatus.MEMORY);
  }

  @Test
  void pythonMemoryErrorCountsAsMemory() {
    SandboxResult r = run(sb, "raise MemoryError()");
    assertThat(r.status()).isEqualTo(SandboxStatus.MEMORY);
  }

  @Test
  void infiniteLoopIsStoppedAtTheWallLimit() {
    SandboxResult r = await(sb.run(py("while True:\n    pass").withLimits(1_000, 64)));
    assertThat(r.status()).isEqualTo(SandboxStatus.TIMEOUT);
  }

  @Test
  void backgroundChildOutlivingItsParentIsKilled() {
    SandboxResult r = run(sb, """
        import os, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(30)
                open('/tmp/late', 'w').write('late')
            os._exit(0)
        print('parent done')
        """);
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("parent done\n");
    assertThat(r.detail()).contains("leftover");
  }

  @Test
  void stdoutFloodIsCutAtTheCap() {
    SandboxResult r = run(sb, "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)");
    assertThat(r.status()).isEqualTo(SandboxStatus.OUTPUT_LIMIT);
    assertThat(r.truncated()).isTrue();
    assertThat(r.stdout()).hasSize(4096);
  }

  @Test
  void stderrFloodIsCutAtTheCap() {
    SandboxResult r = run(sb, "import sys\nwhile True:\n    sys.stderr.write('e' * 65536)");
    assertThat(r.status()).isEqualTo(SandboxStatus.OUTPUT_LIMIT);
    assertThat(r.stderr()).hasSize(4096);
  }

  @Test
  void hugeFileIsStoppedByTheFileSizeLimitAndGoneAfterwards() {
    SandboxResult r = run(sb, """
        with open('big.bin', 'wb') as f:
            while True:
                f.write(b'0' * (1 << 20))
        """);
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.stderr()).contains("File too large");
    assertThat(r.detail()).contains("file size limit");
    SandboxResult after = run(sb, "import os\nprint(sorted(os.listdir('/tmp')), os.listdir('.'))");
    assertThat(after.stdout()).doesNotContain("big.bin");
  }

  @Test
  void manyFilesFillingTheTmpfsAreStopped() {
    SandboxResult r = await(sb.run(py("""
        i = 0
        while True:
            with open('f%d' % i, 'wb') as f:
                f.write(b'0' * (30 << 20))
            i += 1
        """).withLimits(5_000, 256)));
    assertThat(r.status()).isIn(SandboxStatus.RUNTIME_ERROR, SandboxStatus.MEMORY);
  }

  @Test
  void networkIsUnreachableEvenOnLoopback() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      SandboxResult r = run(sb, """
          import socket
          for host in ('127.0.0.1', '10.255.255.53', '1.1.1.1'):
              try:
                  socket.create_connection((host, %d), timeout=0.5)
                  print('connected', host)
              except OSError as e:
                  print('blocked', host)
          """.formatted(port));
      assertThat(r.stdout()).doesNotContain("connected").contains("blocked 127.0.0.1");
      server.setSoTimeout(200);
      org.assertj.core.api.Assertions.assertThatThrownBy(server::accept)
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void daemonEnvironmentIsAbsent() {
    SandboxResult r = run(sb, """
        import os
        print(sorted(os.environ))
        print(open('/proc/self/environ').read())
        try:
            print(open('/proc/1/environ').read())
        except OSError as e:
            print('runner environ unreadable', type(e).__name__)
        """);
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    String keys = r.stdout().lines().findFirst().orElseThrow();
    assertThat(keys).isEqualTo("['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED']");
    Set<String> allowed = Set.of("PATH", "HOME", "LANG", "PWD"); // PWD=/tmp is set by bwrap
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      if (!allowed.contains(e.getKey()) && e.getValue().length() >= 6) {
        assertThat(r.stdout()).as("daemon variable %s leaked", e.getKey())
            .doesNotContain(e.getValue());
      }
      if (!allowed.contains(e.getKey())) {
        assertThat(r.stdout()).doesNotContain(e.getKey() + "=");
      }
    }
  }

  @Test
  void filesOutsideTheViewCannotBeReadOrWritten(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
    SandboxResult r = run(sb, """
        import os
        for p in (%s, '/work/shared/STYLE.md', '/root', '/home', '/etc/shadow', '/opt'):
            try:
                print('READ', p, open(p).read()[:40])
            except OSError as e:
                print('no', p, type(e).__name__)
        for p in ('/usr/evil', '/evil', '/runner/evil', '/etc/evil', '/proc/evil', '/runner/pyrunner.py'):
            try:
                open(p, 'w').write('x')
                print('WROTE', p)
            except OSError as e:
                print('no', p, type(e).__name__)
        """.formatted("'" + secret + "'"));
    assertThat(r.stdout()).doesNotContain("READ").doesNotContain("WROTE")
        .doesNotContain("TOP-SECRET");
    assertThat(Files.exists(Path.of("/usr/evil"))).isFalse();
    assertThat(Files.exists(Path.of("/evil"))).isFalse();
  }

  @Test
  void killingItsParentDoesNotKillTheRunner() {
    SandboxResult r = run(sb, """
        import os, signal
        for s in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGSTOP):
            try:
                os.kill(os.getppid(), s)
            except OSError:
                pass
        print('alive')
        """);
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("alive\n");
  }

  @Test
  void killingEverythingItCanSeeOnlyKillsItself() {
    SandboxResult r = run(sb, """
        import os, signal
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass
        os.kill(0, signal.SIGKILL)
        """);
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.detail()).contains("signal 9");
  }

  @Test
  void osExitInTheMiddleOfATestRunReportsItsCodeAndOnlyFlushedOutput() {
    SandboxResult zero = run(sb, """
        import os
        print('test 1 passed', flush=True)
        os._exit(0)
        print('test 2 passed')
        """);
    assertThat(zero.exitCode()).isZero();
    assertThat(zero.stdout()).isEqualTo("test 1 passed\n");
    SandboxResult five = run(sb, "import os\nprint('test 1 passed', flush=True)\nos._exit(5)");
    assertThat(five.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(five.exitCode()).isEqualTo(5);
    assertThat(five.stdout()).isEqualTo("test 1 passed\n");
  }

  @Test
  void sysExitZeroBeforeTheAssertsIsReportedFaithfully() {
    SandboxResult r = run(sb, """
        import sys
        print('begin')
        sys.exit(0)
        assert 1 == 2
        print('all asserts ran')
        """);
    assertThat(r.exitCode()).isZero();
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("begin\n").doesNotContain("all asserts ran");
  }
}

package dev.assay.sandbox.docker;

import static dev.assay.sandbox.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The containment list, on docker. One warm runner (pool of 1), so every run lands in the same
 * container after the one before it: whatever a run leaves behind, the next run would see.
 */
@Tag("docker")
class DockerSandboxContainmentTest {
  /** Prints what survives in the container: processes other than init and itself, /tmp files. */
  private static final String PROBE = """
      import os, json
      procs = sorted(int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid()))
      print(json.dumps({"procs": procs, "tmp": sorted(os.listdir('/tmp'))}))
      """;

  private static Vertx vertx;
  private static DockerSandbox sandbox;
  private static dev.assay.sandbox.SandboxOptions options;

  @BeforeAll
  static void start() throws Exception {
    DockerTestSupport.assumeEngineAndImage();
    vertx = Vertx.vertx();
    options = DockerTestSupport.options(1);
    sandbox = (DockerSandbox) await(DockerSandbox.start(vertx, options));
  }

  @AfterAll
  static void stop() throws Exception {
    if (sandbox != null) {
      await(sandbox.close());
      assertThat(DockerTestSupport.containersLabelled(DockerSettings.LABEL_RUN_ID, options.runId()))
          .isEmpty();
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  void forkBombIsContainedAndLeavesNothingBehind() throws Exception {
    SandboxResult r = run(python("""
        import os
        while True:
            try:
                os.fork()
            except OSError:
                pass
        """, 2_000));
    assertThat(r.status()).isIn(SandboxStatus.TIMEOUT, SandboxStatus.RUNTIME_ERROR, SandboxStatus.MEMORY);
    assertNothingSurvives();
  }

  @Test
  void memoryHogIsClassifiedAsMemory() throws Exception {
    SandboxResult r = run(SandboxSpec.python("""
        x = []
        while True:
            x.append(bytearray(10 ** 7))
        """).withLimits(10_000, 128));
    assertThat(r.status()).isEqualTo(SandboxStatus.MEMORY);
    assertNothingSurvives();
  }

  @Test
  void javaMemoryHogIsClassifiedAsMemory() throws Exception {
    SandboxResult r = run(new SandboxSpec(dev.assay.sandbox.Language.JAVA, """
        import java.util.*;
        public class Main {
          public static void main(String[] a) {
            List<long[]> keep = new ArrayList<>();
            while (true) keep.add(new long[1 << 20]);
          }
        }
        """, java.util.Map.of(), "", 30_000, 128, 65_536));
    assertThat(r.status()).as(r.stderr()).isEqualTo(SandboxStatus.MEMORY);
    assertNothingSurvives();
  }

  @Test
  void infiniteLoopIsKilledAtTheTimeout() throws Exception {
    SandboxResult r = run(python("while True: pass", 1_000));
    assertThat(r.status()).isEqualTo(SandboxStatus.TIMEOUT);
    // the CPU-time limit, unless the machine starved the run past its wall backstop
    assertThat(r.detail()).contains(r.cpuMs() >= 1_000 ? "CPU-time limit 1000 ms"
        : "wall-clock backstop 3000 ms");
    assertNothingSurvives();
  }

  @Test
  void aProgramThatHitsBothLimitsIsMemoryAsOnTheProcessBackend() throws Exception {
    // a child runs out of memory while its parent spins until the CPU-time limit
    SandboxResult r = run(SandboxSpec.python("""
        import os
        if os.fork() == 0:
            x = []
            while True:
                x.append(bytearray(1 << 20))
        os.wait()
        while True:
            pass
        """).withLimits(1_000, 64));
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.MEMORY);
    assertNothingSurvives();
  }

  @Test
  void backgroundChildThatOutlivesItsParentIsKilled() throws Exception {
    SandboxResult r = run(python("""
        import subprocess
        subprocess.Popen(['sh', '-c', 'sleep 2; echo leaked > /tmp/leak'], start_new_session=True)
        print('spawned')
        """, 5_000));
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.detail()).contains("leftover process");
    SandboxResult later = run(python("import time, os\ntime.sleep(3)\nprint(os.path.exists('/tmp/leak'))", 10_000));
    assertThat(later.stdout()).isEqualTo("False\n");
    assertNothingSurvives();
  }

  @Test
  void stdoutFloodIsCutAtTheCap() throws Exception {
    SandboxResult r = run(python("while True: print('x' * 10000)", 10_000));
    assertThat(r.status()).isEqualTo(SandboxStatus.OUTPUT_LIMIT);
    assertThat(r.truncated()).isTrue();
    assertThat(r.stdout().length()).isLessThanOrEqualTo(SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES);
    assertNothingSurvives();
  }

  @Test
  void hugeFileHitsTheFileSizeLimitAndIsWipedAfterwards() throws Exception {
    SandboxResult r = run(python("""
        with open('big', 'wb') as f:
            while True:
                f.write(b'0' * (1024 * 1024))
        """, 10_000));
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.detail()).contains("file size limit");
    assertNothingSurvives();
  }

  @Test
  void networkIsUnreachableEvenOnLoopback() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(200);
      SandboxResult r = run(python("""
          import socket
          print(sorted(l.split(':')[0].strip() for l in open('/proc/net/dev').readlines()[2:]))
          for host in ('127.0.0.1', 'localhost', '%s'):
              try:
                  socket.create_connection((host, %d), timeout=2).close()
                  print('connected', host)
              except OSError as e:
                  print('blocked', host)
          """.formatted("host.docker.internal", server.getLocalPort()), 15_000));
      assertThat(r.stdout()).startsWith("['lo']\n").doesNotContain("connected");
      assertThat(r.stdout()).contains("blocked 127.0.0.1", "blocked localhost");
      try {
        server.accept().close();
        throw new AssertionError("the sandbox reached the host's loopback");
      } catch (SocketTimeoutException expected) {
        // nothing came in
      }
    }
  }

  @Test
  void daemonEnvironmentIsAbsent() throws Exception {
    SandboxResult r = run(python("""
        import os, json
        try:
            init_env = open('/proc/1/environ').read()
        except OSError:
            init_env = None
        print(json.dumps({"env": dict(os.environ), "init": init_env}))
        """, 5_000));
    JsonObject out = new JsonObject(r.stdout().strip());
    assertThat(out.getJsonObject("env").fieldNames())
        .isSubsetOf(Set.of("PATH", "HOME", "LANG", "PYTHONDONTWRITEBYTECODE", "PYTHONHASHSEED"));
    assertThat(out.getValue("init")).as("the runner's own environment").isNull();
    for (var e : System.getenv().entrySet()) {
      if (e.getValue().length() >= 12 && !e.getKey().equals("PATH")) {
        assertThat(r.stdout()).as("daemon variable %s", e.getKey()).doesNotContain(e.getValue());
      }
    }
  }

  @Test
  void filesOutsideTheViewAreUnreadable() throws Exception {
    SandboxResult r = run(python("""
        for p in ('/etc/shadow', '/proc/1/environ', '/proc/1/mem', '/var/run/docker.sock',
                  '/work/shared', '/root', '/proc/1/fd/0'):
            try:
                open(p, 'rb').read(1)
                print('read', p)
            except OSError as e:
                print('blocked', p)
        import os
        try:
            open('/etc/passwd', 'a').write('x')
            print('wrote /etc')
        except OSError:
            print('read-only /etc')
        """, 5_000));
    assertThat(r.stdout()).doesNotContain("read /").doesNotContain("wrote").contains("read-only /etc");
  }

  @Test
  void killingItsParentDoesNotKillTheRunner() throws Exception {
    int started = sandboxStarted();
    SandboxResult r = run(python("""
        import os, signal
        for s in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT):
            os.kill(os.getppid(), s)
            os.kill(1, s)
        print('still here', os.getppid())
        """, 5_000));
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(run(python("print('next')", 5_000)).stdout()).isEqualTo("next\n");
    assertThat(sandboxStarted()).as("runner replaced").isEqualTo(started);
  }

  @Test
  void osExitMidRunIsReportedWithItsCode() throws Exception {
    SandboxResult r = run(python("import os\nprint('half', flush=True)\nos._exit(3)\nprint('never')", 5_000));
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("half\n");
  }

  @Test
  void sysExitZeroBeforeAssertsIsReportedFaithfully() throws Exception {
    // the sandbox cannot know the asserts were skipped; it reports exactly what ran, and the
    // code verifier's end-of-tests sentinel (absent here) catches it
    SandboxResult r = run(python("import sys\nsys.exit(0)\nassert False\nprint('ALL-TESTS-PASSED')", 5_000));
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).doesNotContain("ALL-TESTS-PASSED");
  }

  @Test
  void runnerLeftUncleanIsReplaced() throws Exception {
    int started = sandboxStarted();
    SandboxResult r = run(python("""
        import ctypes
        libc = ctypes.CDLL(None)
        print(libc.shmget(0, 4096, 0o1000 | 0o600) >= 0)
        """, 5_000));
    assertThat(r.stdout()).isEqualTo("True\n");
    assertThat(run(python("print('fresh')", 5_000)).stdout()).isEqualTo("fresh\n");
    assertThat(sandboxStarted()).as("a replacement runner started").isEqualTo(started + 1);
  }

  @Test
  void unresponsiveRunnerIsKilledThroughTheApiAndReplaced() throws Exception {
    int started = sandboxStarted();
    // the program sleeps 1.2 s of its 1.5 s: when the pause lands, the runner has not answered yet
    Future<SandboxResult> pending = sandbox.run(python("import time\ntime.sleep(1.2)\nprint('hi')", 1_500));
    Thread.sleep(300);
    try (DockerClient docker = DockerClients.api(DockerTestSupport.HOST, Duration.ofSeconds(10))) {
      for (Container c : DockerTestSupport.containersLabelled(DockerSettings.LABEL_RUN_ID, options.runId())) {
        docker.pauseContainerCmd(c.getId()).exec(); // a frozen runner: it can answer nothing
      }
    }
    SandboxResult r = await(pending);
    // our runner failed, not the program: no verdict (the item stays pending), never a timeout
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.SANDBOX_ERROR);
    assertThat(r.detail()).contains("unresponsive");
    assertThat(run(python("print('revived')", 5_000)).stdout()).isEqualTo("revived\n");
    assertThat(sandboxStarted()).isGreaterThanOrEqualTo(started + 1);
  }

  @Test
  void runnerWhoseContainerDiedIsReplacedBeforeTheNextRun() throws Exception {
    int started = sandboxStarted();
    try (DockerClient docker = DockerClients.api(DockerTestSupport.HOST, Duration.ofSeconds(10))) {
      for (Container c : DockerTestSupport.containersLabelled(DockerSettings.LABEL_RUN_ID, options.runId())) {
        docker.killContainerCmd(c.getId()).exec();
      }
    }
    Thread.sleep(300);
    SandboxResult r = run(python("print('on a fresh runner')", 5_000));
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.OK);
    assertThat(sandboxStarted()).isEqualTo(started + 1);
  }

  private static SandboxSpec python(String source, long timeoutMs) {
    return SandboxSpec.python(source).withLimits(timeoutMs, SandboxSpec.DEFAULT_MEMORY_MB);
  }

  private static SandboxResult run(SandboxSpec spec) throws Exception {
    return await(sandbox.run(spec));
  }

  private static int sandboxStarted() {
    return Integer.parseInt(sandbox.stats().replaceAll(".*started=(\\d+).*", "$1"));
  }

  private static void assertNothingSurvives() throws Exception {
    SandboxResult r = run(python(PROBE, 5_000));
    assertThat(r.status()).as(r.stderr()).isEqualTo(SandboxStatus.OK);
    JsonObject seen = new JsonObject(r.stdout().strip());
    assertThat(seen.getJsonArray("procs")).as("processes left in the container").isEmpty();
    assertThat(seen.getJsonArray("tmp").getList()).as("files left in /tmp")
        .allSatisfy(f -> assertThat(f.toString()).matches("run\\d+|\\.stdin\\d+"));
  }
}

package dev.assay.sandbox.process;

import static dev.assay.sandbox.process.SandboxTesting.await;
import static dev.assay.sandbox.process.SandboxTesting.py;
import static dev.assay.sandbox.process.SandboxTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Pool behaviour: recycling, replacing dead runners, the bounded queue, fresh mode, close. */
@Tag("e2e")
class RunnerPoolTest {
  static final String WHICH_RUNNER = "print(open('/proc/1/stat').read().split()[21])";
  Vertx vertx;
  ProcessSandbox sb;

  @BeforeEach
  void up() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void down() {
    if (sb != null) {
      await(sb.close());
    }
    await(vertx.close());
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private ProcessSandbox create(SandboxOptions o) {
    sb = ProcessSandbox.create(vertx, o);
    return sb;
  }

  @Test
  void runnersAreRecycledAfterTheConfiguredNumberOfRuns() {
    create(SandboxTesting.options(1, true).withPool(1, 8, 3));
    List<String> runners = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      runners.add(run(sb, WHICH_RUNNER).stdout());
    }
    assertThat(runners.subList(0, 3)).containsOnly(runners.get(0));
    assertThat(runners.subList(3, 6)).containsOnly(runners.get(3));
    assertThat(new HashSet<>(runners)).hasSize(3);
  }

  @Test
  void deadRunnersAreReplacedAndTheNextRunSucceeds() {
    create(SandboxTesting.options(2, true));
    for (int i = 0; i < 4; i++) {
      assertThat(run(sb, "print(1)").ok()).isTrue();
    }
    sb.processes().forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    SandboxTesting.sleep(100);
    for (int i = 0; i < 4; i++) {
      SandboxResult r = run(sb, "print('back')");
      assertThat(r.status()).isEqualTo(SandboxStatus.OK);
      assertThat(r.stdout()).isEqualTo("back\n");
    }
  }

  @Test
  void runnerKilledDuringARunIsAnInfraResultNotAHang() {
    create(SandboxTesting.options(1, true));
    run(sb, "print(1)");
    Future<SandboxResult> slow = sb.run(py("import time\ntime.sleep(1.5)\nprint('done')"));
    SandboxTesting.sleep(300);
    sb.processes().forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    SandboxResult r = await(slow);
    assertThat(r.status()).isEqualTo(SandboxStatus.SANDBOX_ERROR);
    assertThat(run(sb, "print('next')").stdout()).isEqualTo("next\n");
  }

  @Test
  void aFullQueueFailsFastWithSandboxInfra() {
    create(SandboxTesting.options(1, true).withPool(1, 1, 100));
    run(sb, "print(1)");
    List<Future<SandboxResult>> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(sb.run(py("import time\ntime.sleep(0.5)")));
    }
    Set<String> failures = new HashSet<>();
    int ok = 0;
    for (Future<SandboxResult> f : all) {
      try {
        f.toCompletionStage().toCompletableFuture().get();
        ok++;
      } catch (Exception e) {
        AssayException a = (AssayException) e.getCause();
        assertThat(a.kind()).isEqualTo(ErrorKind.SANDBOX_INFRA);
        failures.add(a.getMessage());
      }
    }
    assertThat(failures).containsExactly("sandbox queue full");
    assertThat(ok).isBetween(1, 2);
  }

  @Test
  void freshModeStartsANewIsolatedProcessPerRunWithTheSameContainment() {
    create(SandboxTesting.options(1, false));
    assertThat(sb.describe()).contains("fresh per run");
    String a = run(sb, WHICH_RUNNER).stdout();
    String b = run(sb, WHICH_RUNNER).stdout();
    assertThat(a).isNotEqualTo(b);
    SandboxResult loop = await(sb.run(py("while True: pass").withLimits(1_000, 64)));
    assertThat(loop.status()).isEqualTo(SandboxStatus.TIMEOUT);
    SandboxResult bg = run(sb, "import os, time\nif os.fork() == 0:\n    time.sleep(30)\nprint('p')");
    assertThat(bg.status()).isEqualTo(SandboxStatus.OK);
    assertThat(SandboxTesting.strays(sb, 0)).isEmpty();
  }

  @Test
  void unshareIsolationRunsAndContains() {
    create(SandboxTesting.options(1, true).withBackend("process", "unshare"));
    assertThat(sb.describe()).startsWith("process/unshare");
    SandboxResult r = run(sb, "import os\nprint(os.getpid(), sorted(os.environ))");
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).startsWith("2 ");
    SandboxResult bg = run(sb, "import os, time\nif os.fork() == 0:\n    time.sleep(30)\nprint('p')");
    assertThat(bg.detail()).contains("leftover");
    assertThat(SandboxTesting.strays(sb, 2)).isEmpty();
    SandboxResult caps = run(sb, "print(open('/proc/self/status').read().split('CapEff:')[1].split()[0])");
    assertThat(caps.stdout()).isEqualTo("0000000000000000\n");
    SandboxResult net = run(sb, "import socket\nsocket.create_connection(('10.255.255.53', 53), 0.5)");
    assertThat(net.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
  }

  @Test
  void noIsolationOnlyWhenExplicitlyConfiguredAndSaysSo() {
    create(SandboxTesting.options(1, true).withBackend("process", "none"));
    assertThat(sb.describe()).contains("UNISOLATED");
    SandboxResult r = run(sb, "print(6 * 7)");
    assertThat(r.stdout()).isEqualTo("42\n");
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
  }

  @Test
  void closeKillsEverythingRemovesTheCgroupsAndRefusesNewRuns() {
    create(SandboxTesting.options(2, true));
    run(sb, "print(1)");
    Future<SandboxResult> pending = sb.run(py("import time\ntime.sleep(30)"));
    SandboxTesting.sleep(200);
    List<Long> before = sb.processes();
    assertThat(before).isNotEmpty();
    assertThat(java.nio.file.Path.of("/sys/fs/cgroup/pids", sb.cgroupName())).isDirectory();
    await(sb.close());
    for (int i = 0; i < 100 && before.stream().anyMatch(RunnerPoolTest::alive); i++) {
      SandboxTesting.sleep(20); // killed processes may take a moment to be reaped
    }
    assertThat(before).allSatisfy(p -> assertThat(ProcessHandle.of(p).map(ProcessHandle::isAlive)
        .orElse(false)).isFalse());
    assertThat(sb.processes()).isEmpty();
    String tree = sb.cgroupName();
    assertThat(tree).startsWith("assay-" + sb.runId() + "-");
    assertThat(java.nio.file.Path.of("/sys/fs/cgroup/memory", tree)).doesNotExist();
    assertThat(java.nio.file.Path.of("/sys/fs/cgroup/pids", tree)).doesNotExist();
    assertThat(sb.run(py("print(1)")).failed()).isTrue();
    assertThat(await(pending.otherwiseEmpty()) == null || !pending.result().ok()).isTrue();
    sb = null;
  }
}

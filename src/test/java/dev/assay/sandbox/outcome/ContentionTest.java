package dev.assay.sandbox.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.CpuLoad;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A timeout on a contended machine is run once more; nothing else is. */
class ContentionTest {
  private static SandboxResult result(SandboxStatus s, String detail) {
    return new SandboxResult(s, -1, "", "", false, 10, 10, -1, detail);
  }

  @Test
  void aContendedTimeoutIsRunOnceMoreAndTheSecondResultIsRecorded() {
    AtomicInteger attempts = new AtomicInteger();
    SandboxResult r = Contention.rerun(() -> Future.succeededFuture(attempts.incrementAndGet() == 1
        ? result(SandboxStatus.TIMEOUT, "CPU-time limit 1000 ms") : result(SandboxStatus.OK, "")),
        c -> true).result();
    assertThat(attempts).hasValue(2);
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.detail()).startsWith("re-run once").contains("[first attempt: CPU-time limit");
  }

  @Test
  void aSecondTimeoutIsRecordedAsATimeoutWithoutAThirdAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    SandboxResult r = Contention.rerun(() -> {
      attempts.incrementAndGet();
      return Future.succeededFuture(result(SandboxStatus.TIMEOUT, "CPU-time limit 1000 ms"));
    }, c -> true).result();
    assertThat(attempts).hasValue(2);
    assertThat(r.status()).isEqualTo(SandboxStatus.TIMEOUT);
  }

  @Test
  void anUncontendedTimeoutAndEveryOtherStatusAreRecordedAsTheyAre() {
    AtomicInteger attempts = new AtomicInteger();
    Contention.rerun(() -> {
      attempts.incrementAndGet();
      return Future.succeededFuture(result(SandboxStatus.TIMEOUT, ""));
    }, c -> false);
    for (SandboxStatus s : SandboxStatus.values()) {
      if (s != SandboxStatus.TIMEOUT) {
        Contention.rerun(() -> {
          attempts.incrementAndGet();
          return Future.succeededFuture(result(s, ""));
        }, c -> true);
      }
    }
    assertThat(attempts).hasValue(SandboxStatus.values().length);
  }

  @Test
  void busyLoopsOnEveryCoreMakeTheMachineContended() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/pressure/cpu")), "no PSI here");
    try (CpuLoad load = CpuLoad.perCore(2)) {
      Thread.sleep(200);
      Contention c = Contention.start();
      Thread.sleep(1_000);
      assertThat(c.waitingShare()).isGreaterThan(Contention.CONTENDED_SHARE);
      assertThat(c.contended()).isTrue();
    }
  }
}

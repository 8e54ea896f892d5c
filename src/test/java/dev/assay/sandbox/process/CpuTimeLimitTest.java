package dev.assay.sandbox.process;

import static dev.assay.sandbox.process.SandboxTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.CpuLoad;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Time limits are CPU time of the program's process tree with a wall-clock backstop three times
 * larger, so a verdict does not depend on what else the machine runs; memory evidence decides a
 * program that hits both limits. Some tests start their own CPU load (busy loops on every core).
 */
@Tag("e2e")
class CpuTimeLimitTest {
  /** Burns {@code s} seconds of its own CPU time, then says so. */
  static final String BURN = "import time\nt = time.process_time()\n"
      + "while time.process_time() - t < %s:\n    pass\nprint('done')\n";
  /** Grows by 1 MiB per ~5 ms of CPU until the memory limit stops it. */
  static final String SLOW_HOG = "x = []\nwhile True:\n    x.append(bytearray(1 << 20))\n"
      + "    s = 0\n    for i in range(100000):\n        s += i\n";
  /** A child runs out of memory while its parent spins until the time limit. */
  static final String BOTH = "import os\nif os.fork() == 0:\n    x = []\n    while True:\n"
      + "        x.append(bytearray(1 << 20))\nos.wait()\nwhile True:\n    pass\n";

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

  static SandboxSpec spec(String source, long timeoutMs, int memoryMb) {
    return new SandboxSpec(Language.PYTHON, source, null, "", timeoutMs, memoryMb, 4096);
  }

  @Test
  void aBusyLoopStopsAtItsCpuTimeLimit() {
    SandboxResult r = await(sb.run(spec("while True:\n    pass\n", 1_000, 64)));
    if (!r.starved()) { // never a wall-clock timeout: the backstop discounts waiting for a CPU
      assertThat(r.status()).isEqualTo(SandboxStatus.TIMEOUT);
      assertThat(r.detail()).contains("CPU-time limit 1000 ms");
    }
  }

  @Test
  void aProgramSlowedByTheCpuItIsGivenIsNoTimeout() {
    // a fifth of a CPU: the 0.4 s it needs take 2 s, past its 1.5 s backstop, all but 0.4 s
    // of it waiting for a CPU, which the backstop does not count
    SandboxResult r = withCpus(0.2, spec(BURN.formatted("0.4"), 500, 64));
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.OK);
    assertThat(r.wallMs()).isGreaterThan(1_500);
  }

  @Test
  void aProgramStarvedPastTwiceItsBackstopIsNoVerdict() {
    // a tenth of a CPU: 4 s of wall for 0.4 s of CPU, past the stretched backstop (2 x 1.5 s);
    // without the wait it would have passed, so it is no timeout but our failure, after one re-run
    SandboxResult r = withCpus(0.1, spec(BURN.formatted("0.4"), 500, 64));
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.SANDBOX_ERROR);
    assertThat(r.starved()).as(r.detail()).isTrue();
    assertThat(r.detail()).contains("re-run once: the first attempt was starved");
  }

  private static SandboxResult withCpus(double cpus, SandboxSpec spec) {
    ProcessSandbox slow = ProcessSandbox.create(vertx, new dev.assay.sandbox.SandboxOptions("process", "auto", true,
        1, 64, 1000, 2_000, 128, 4096, 32, cpus, null, null, null));
    try {
      return await(slow.run(spec));
    } finally {
      await(slow.close());
    }
  }

  @Test
  void aProgramThatSleepsPastTheBackstopIsATimeoutOnALoadedMachineToo() throws Exception {
    // the backstop stretches by the time the program waited for a CPU, never by time it slept
    SandboxResult r;
    try (CpuLoad load = CpuLoad.perCore(4)) {
      r = await(sb.run(spec("import time\ntime.sleep(2.5)\nprint('done')\n", 500, 64)));
    }
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(r.detail()).contains("wall-clock backstop 1500 ms");
  }

  @Test
  void aSleepingProgramStopsAtTheWallClockBackstop() {
    SandboxResult r = await(sb.run(spec("import time\ntime.sleep(60)\n", 500, 64)));
    assertThat(r.status()).isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(r.detail()).contains("wall-clock backstop 1500 ms");
    assertThat(r.wallMs()).isBetween(1_500L, 10_000L);
    assertThat(r.cpuMs()).isLessThan(500);
  }

  @Test
  void aProgramWithinItsCpuBudgetPassesWhileBusyLoopsSlowItDown() throws Exception {
    List<SandboxResult> rs = new ArrayList<>();
    // two runs at a time (the pool's size) beside two busy loops per core: each run gets about a
    // third of a core, so its wall time passes its CPU limit while its CPU time stays within it
    try (CpuLoad load = CpuLoad.perCore(2)) {
      for (int i = 0; i < 3; i++) {
        var a = sb.run(spec(BURN.formatted("0.6"), 1_000, 64));
        var b = sb.run(spec(BURN.formatted("0.6"), 1_000, 64));
        rs.add(await(a));
        rs.add(await(b));
      }
    }
    // a machine busier still (CI's) may starve a run: that is no verdict, never a timeout
    assertThat(rs).allSatisfy(r -> {
      if (!r.starved()) {
        assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.OK);
        assertThat(r.stdout()).isEqualTo("done\n");
      }
    });
    assertThat(rs).as("a run passed although the load made it slower than its limit in wall time")
        .anySatisfy(r -> {
          assertThat(r.status()).isEqualTo(SandboxStatus.OK);
          assertThat(r.wallMs()).isGreaterThan(1_000);
        });
  }

  @Test
  void aSlowMemoryHogIsMemoryWithAndWithoutLoad() throws Exception {
    SandboxResult idle = await(sb.run(spec(SLOW_HOG, 3_000, 64)));
    SandboxResult loaded;
    try (CpuLoad load = CpuLoad.perCore(2)) {
      loaded = await(sb.run(spec(SLOW_HOG, 3_000, 64)));
    }
    assertThat(idle.status()).as(idle.detail()).isEqualTo(SandboxStatus.MEMORY);
    assertThat(loaded.status()).as(loaded.detail()).isEqualTo(SandboxStatus.MEMORY);
  }

  @Test
  void aProgramThatHitsBothLimitsIsMemory() {
    SandboxResult r = await(sb.run(spec(BOTH, 1_000, 64)));
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.MEMORY);
  }
}

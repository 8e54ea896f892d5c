package dev.assay.sandbox.docker;

import static dev.assay.sandbox.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Warm docker backend vs {@code docker run --rm <image> python3 -c pass}, per run. Not a unit
 * test: it only runs with {@code -Dassay.bench=true}, prints its figures, and asserts only that
 * every run succeeded (speed is reported, never asserted):
 *
 * <pre>mvn -B -q test -Dtest=DockerBenchmarkTest -Dassay.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("docker")
@Tag("bench")
class DockerBenchmarkTest {
  private static final int COLD_RUNS = Integer.getInteger("assay.bench.cold", 10);
  private static final int WARM_RUNS = Integer.getInteger("assay.bench.warm", 300);

  @Test
  void warmRunsVersusDockerRunRm() throws Exception {
    assumeTrue(Boolean.getBoolean("assay.bench"), "benchmark: run with -Dassay.bench=true");
    DockerTestSupport.assumeEngineAndImage();

    docker("run", "--rm", "--network", "none", "--entrypoint", "python3", DockerTestSupport.IMAGE, "-c", "pass");
    long t0 = System.nanoTime();
    for (int i = 0; i < COLD_RUNS; i++) {
      assertThat(docker("run", "--rm", "--network", "none", "--entrypoint", "python3",
          DockerTestSupport.IMAGE, "-c", "pass")).isZero();
    }
    double coldMs = (System.nanoTime() - t0) / 1e6 / COLD_RUNS;

    Vertx vertx = Vertx.vertx();
    dev.assay.sandbox.SandboxOptions o = DockerTestSupport.options(2, 100_000);
    DockerSandbox sandbox = (DockerSandbox) await(DockerSandbox.start(vertx, o));
    try {
      SandboxSpec spec = SandboxSpec.python("print(sum(range(10)))");
      for (int i = 0; i < 20; i++) {
        await(sandbox.run(spec));
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < WARM_RUNS; i++) {
        assertThat(await(sandbox.run(spec)).stdout()).isEqualTo("45\n");
      }
      double warmMs = (System.nanoTime() - t1) / 1e6 / WARM_RUNS;

      long t2 = System.nanoTime();
      List<Future<SandboxResult>> batch = new ArrayList<>();
      for (int i = 0; i < WARM_RUNS; i++) {
        batch.add(sandbox.run(spec));
      }
      await(Future.all(batch));
      double parallelPerSec = WARM_RUNS / ((System.nanoTime() - t2) / 1e9);
      assertThat(batch).allSatisfy(f -> assertThat(f.result().ok()).isTrue());

      System.out.printf(
          "BENCH docker run --rm: %.1f ms/run (%d runs) | warm backend sequential: %.2f ms/run = %.0f runs/s"
              + " (%d runs) | warm backend pool=2 all in flight: %.0f runs/s | speed-up per run: %.0fx%n",
          coldMs, COLD_RUNS, warmMs, 1000 / warmMs, WARM_RUNS, parallelPerSec, coldMs / warmMs);
    } finally {
      await(sandbox.close());
      await(vertx.close());
    }
  }

  private static int docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}

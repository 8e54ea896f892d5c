package dev.assay.loop;

import static dev.assay.loop.StageHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.store.KeptSample;
import dev.assay.store.RoundInfo;
import dev.assay.store.SampleKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A round cancelled in the middle of any stage stops before the next stage starts, stays
 * resumable (cancelled, its stage not advanced), and once resumed keeps exactly the samples an
 * uncancelled round keeps: no stage ever runs on partial inputs.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelResumeTest {
  Path dir;
  List<String> reference;

  @BeforeAll
  void uncancelledRound() throws Exception {
    dir = Files.createTempDirectory("assay-cancel");
    try (StageHarness h = StageHarness.start(Files.createDirectories(dir.resolve("ref")))) {
      RoundContext ctx = h.context();
      await(RoundRunner.run(ctx, "test", new RoundOutput(dir.resolve("ref-out")), System.nanoTime()));
      reference = kept(h, ctx.roundId());
    }
    assertThat(reference).isNotEmpty();
  }

  @org.junit.jupiter.api.AfterAll
  void removeTempFiles() throws Exception {
    StageHarness.delete(dir);
  }

  static List<String> kept(StageHarness h, long roundId) {
    return await(h.store().samples().kept(roundId, SampleKey.FIRST, 100_000)).stream()
        .map(k -> k.attempt().sampleId()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"propose", "screen", "solve", "agreement", "keep"})
  void aCancelInAStageLeavesTheRoundResumableAndTheResumedRoundKeepsWhatAnUncancelledOneKeeps(String stage)
      throws Exception {
    try (StageHarness h = StageHarness.start(Files.createDirectories(dir.resolve(stage)))) {
      AtomicInteger steps = new AtomicInteger();
      Progress cancelling = new Progress() {
        @Override
        public void round(RoundInfo round) {}

        @Override
        public void stage(String s, int total) {
          if (s.equals(stage) && total <= 1) {
            h.cancel.set(true);
          }
        }

        @Override
        public void step(String s) {
          if (s.equals(stage) && steps.incrementAndGet() == 2) {
            h.cancel.set(true);
          }
        }
      };
      RoundContext first = h.context();
      RoundContext ctx = first.withProgress(cancelling);
      assertThatThrownBy(() -> await(RoundRunner.run(ctx, "test", new RoundOutput(dir.resolve(stage + "-out")),
          System.nanoTime()))).isInstanceOf(AssayException.class).hasMessageContaining("cancelled");
      RoundInfo stopped = await(h.store().rounds().get(h.cfg.run().name(), 1));
      assertThat(stopped.state()).isEqualTo("cancelled");
      assertThat(stopped.stage()).isEqualTo(stage);
      assertThat(Files.exists(dir.resolve(stage + "-out").resolve("samples.jsonl"))).isFalse();

      h.cancel.set(false);
      RoundContext resumed = h.context();
      assertThat(resumed.roundId()).isEqualTo(stopped.id());
      RoundRunner.Outcome done = await(RoundRunner.run(resumed, "test", new RoundOutput(dir.resolve(stage + "-out")),
          System.nanoTime()));
      assertThat(done.round().done()).isTrue();
      assertThat(kept(h, resumed.roundId())).isEqualTo(reference);
    }
  }
}

package dev.assay.loop;

import static dev.assay.loop.StageHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.store.SampleKey;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The keep stage writes samples.jsonl as it decides (a draft the end of the round moves into place);
 * a round without that draft (resumed after its keep stage, or a draft that does not match the
 * database) reads the kept samples again from the store: either way the same bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundOutputTest {
  private Path dir;
  private StageHarness h;
  private RoundContext ctx;
  private RoundOutput output;
  private Path draft;
  private long kept;

  @BeforeAll
  void keptRound() throws Exception {
    dir = Files.createTempDirectory("assay-output");
    h = StageHarness.start(dir);
    ctx = h.context();
    h.runUpTo(ctx, KeepStage.class);
    await(new KeepStage().run(ctx));
    kept = await(h.store().samples().kept(ctx.roundId(), SampleKey.FIRST, 10_000)).size();
    output = new RoundOutput(ctx.cfg().run().out());
    draft = ctx.cfg().run().out().resolve(".samples.stages." + ctx.round().roundNo() + ".jsonl");
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
    StageHarness.delete(dir);
  }

  @Test
  void theKeepStagesDraftBecomesTheSamplesAndTheStoreWritesTheSameBytesWithoutIt() throws Exception {
    assertThat(kept).isGreaterThan(1);
    assertThat(draft).exists();
    byte[] drafted = Files.readAllBytes(draft);
    assertThat(Files.readAllLines(draft)).hasSize((int) kept);
    assertThat(draft.resolveSibling(draft.getFileName() + ".tmp")).doesNotExist();

    await(output.write(ctx, new JsonObject().put("kept", kept), kept));
    assertThat(draft).doesNotExist();
    assertThat(output.samples()).hasBinaryContent(drafted);
    assertThat(new JsonObject(Files.readString(output.report())).getLong("kept")).isEqualTo(kept);

    Files.delete(output.samples());
    await(output.write(ctx, new JsonObject(), kept));
    assertThat(output.samples()).hasBinaryContent(drafted);

    // a draft that does not hold the samples the database keeps (another round's, a cut-off one) is not used
    Files.write(draft, List.of("{\"id\":\"not this round's\"}"));
    await(output.write(ctx, new JsonObject(), kept));
    assertThat(output.samples()).hasBinaryContent(drafted);
    assertThat(draft).doesNotExist();
  }
}

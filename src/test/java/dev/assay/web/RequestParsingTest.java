package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.config.AssayConfig;
import dev.assay.config.ConfigLoader;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round overrides and samples queries: what is accepted, and that a rejection names its field. */
class RequestParsingTest {
  @TempDir
  Path dir;

  private static AssayConfig demo() {
    return ConfigLoader.load(Path.of("config/demo.yaml"));
  }

  private static void rejects(Runnable r, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiError.class, e -> {
      assertThat(e.field).isEqualTo(field);
      assertThat(e.status).isEqualTo(400);
      assertThat(e.getMessage()).startsWith(field + ":");
    });
  }

  @Test
  void overridesApplyToTheRoundSection() throws Exception {
    Path seeds = Files.writeString(dir.resolve("s.jsonl"), "{}\n");
    RoundRequest r = RoundRequest.parse(new JsonObject().put("seeds", seeds.toString()).put("samples_per_problem", 3)
        .put("model", "assay-sim-2"));
    AssayConfig c = r.apply(demo());
    assertThat(c.round().seeds()).containsExactly(seeds.toAbsolutePath().normalize());
    assertThat(c.round().samplesPerProblem()).isEqualTo(3);
    assertThat(c.round().proposalsPerSeed()).isEqualTo(demo().round().proposalsPerSeed());
    assertThat(c.round().mathProposals()).isEqualTo(demo().round().mathProposals());
    assertThat(c.model().name()).isEqualTo("assay-sim-2");
    assertThat(c.model().temperature()).isEqualTo(demo().model().temperature());
    assertThat(RoundRequest.parse(null).apply(demo())).isEqualTo(demo());
    assertThat(RoundRequest.parse(new JsonObject().put("seeds", new JsonArray().add(seeds.toString()).add(seeds.toString())))
        .seeds()).hasSize(2);
  }

  @Test
  void badOverridesNameTheirField() {
    rejects(() -> RoundRequest.parse(new JsonObject().put("samples_per_problem", 0)), "samples_per_problem");
    rejects(() -> RoundRequest.parse(new JsonObject().put("samples_per_problem", 1025)), "samples_per_problem");
    rejects(() -> RoundRequest.parse(new JsonObject().put("samples_per_problem", 2.5)), "samples_per_problem");
    rejects(() -> RoundRequest.parse(new JsonObject().put("seeds", dir.resolve("nope.jsonl").toString())), "seeds");
    rejects(() -> RoundRequest.parse(new JsonObject().put("seeds", new JsonArray())), "seeds");
    rejects(() -> RoundRequest.parse(new JsonObject().put("seeds", 7)), "seeds");
    rejects(() -> RoundRequest.parse(new JsonObject().put("model", "")), "model");
    rejects(() -> RoundRequest.parse(new JsonObject().put("rounds", 2)), "rounds");
  }

  @Test
  void storedConfigResumesWithTheSameOverrides() {
    JsonObject stored = new JsonObject()
        .put("round", new JsonObject().put("samples_per_problem", 2).put("seeds", new JsonArray().add("/x/s.jsonl")))
        .put("model", new JsonObject().put("name", "m"));
    RoundRequest r = RoundRequest.fromStoredConfig(stored);
    assertThat(r).isEqualTo(new RoundRequest(List.of(Path.of("/x/s.jsonl")), 2, "m"));
    assertThat(RoundRequest.fromStoredConfig(new JsonObject())).isEqualTo(RoundRequest.NONE);
  }

  @Test
  void samplesQueryDefaultsAndLimits() {
    SamplesQuery q = SamplesQuery.parse(MultiMap.caseInsensitiveMultiMap());
    assertThat(q).isEqualTo(new SamplesQuery(null, "", "", SamplesQuery.DEFAULT_LIMIT, 0));
    SamplesQuery full = SamplesQuery.parse(MultiMap.caseInsensitiveMultiMap().add("round", "q3").add("domain", "code")
        .add("verdict", "timeout").add("limit", "1000").add("cursor", "77"));
    assertThat(full).isEqualTo(new SamplesQuery("q3", "code", "timeout", 1000, 77));
  }

  @Test
  void badSamplesQueriesNameTheirParameter() {
    rejects(() -> SamplesQuery.parse(MultiMap.caseInsensitiveMultiMap().add("limit", "1001")), "limit");
    rejects(() -> SamplesQuery.parse(MultiMap.caseInsensitiveMultiMap().add("limit", "ten")), "limit");
    rejects(() -> SamplesQuery.parse(MultiMap.caseInsensitiveMultiMap().add("cursor", "-1")), "cursor");
    rejects(() -> SamplesQuery.parse(MultiMap.caseInsensitiveMultiMap().add("round", "1; DROP TABLE")), "round");
    rejects(() -> SamplesQuery.parse(MultiMap.caseInsensitiveMultiMap().add("domain", "MATHS")), "domain");
    rejects(() -> SamplesQuery.parse(MultiMap.caseInsensitiveMultiMap().add("verdict", "passed")), "verdict");
    rejects(() -> SamplesQuery.parse(MultiMap.caseInsensitiveMultiMap().add("page", "2")), "page");
  }

  @Test
  void statusCodesFollowTheErrorKind() {
    assertThat(ApiError.statusOf(dev.assay.AssayException.invalid("x"))).isEqualTo(400);
    assertThat(ApiError.statusOf(ApiError.notFound("x"))).isEqualTo(404);
    assertThat(ApiError.statusOf(ApiError.conflict("x"))).isEqualTo(409);
    assertThat(ApiError.statusOf(new dev.assay.AssayException(dev.assay.ErrorKind.MODEL_UNAVAILABLE, "x"))).isEqualTo(503);
    assertThat(ApiError.statusOf(new IllegalStateException())).isEqualTo(500);
  }
}

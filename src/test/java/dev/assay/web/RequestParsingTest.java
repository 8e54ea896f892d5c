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

  private List<Path> dirs() {
    return List.of(dir);
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
    RoundRequest r = RoundRequest.parse(dirs(), new JsonObject().put("seeds", seeds.toString()).put("samples_per_problem", 3)
        .put("model", "assay-sim-2"));
    AssayConfig c = r.apply(demo());
    assertThat(c.round().seeds()).containsExactly(seeds.toRealPath());
    assertThat(c.round().samplesPerProblem()).isEqualTo(3);
    assertThat(c.round().proposalsPerSeed()).isEqualTo(demo().round().proposalsPerSeed());
    assertThat(c.round().mathProposals()).isEqualTo(demo().round().mathProposals());
    assertThat(c.model().name()).isEqualTo("assay-sim-2");
    assertThat(c.model().temperature()).isEqualTo(demo().model().temperature());
    assertThat(RoundRequest.parse(dirs(), null).apply(demo())).isEqualTo(demo());
    assertThat(RoundRequest.parse(dirs(), new JsonObject().put("seeds", new JsonArray().add(seeds.toString()).add(seeds.toString())))
        .seeds()).hasSize(2);
  }

  @Test
  void badOverridesNameTheirField() {
    rejects(() -> RoundRequest.parse(dirs(), new JsonObject().put("samples_per_problem", 0)), "samples_per_problem");
    rejects(() -> RoundRequest.parse(dirs(), new JsonObject().put("samples_per_problem", 1025)), "samples_per_problem");
    rejects(() -> RoundRequest.parse(dirs(), new JsonObject().put("samples_per_problem", 2.5)), "samples_per_problem");
    rejects(() -> RoundRequest.parse(dirs(), new JsonObject().put("seeds", dir.resolve("nope.jsonl").toString())), "seeds");
    rejects(() -> RoundRequest.parse(dirs(), new JsonObject().put("seeds", new JsonArray())), "seeds");
    rejects(() -> RoundRequest.parse(dirs(), new JsonObject().put("seeds", 7)), "seeds");
    rejects(() -> RoundRequest.parse(dirs(), new JsonObject().put("model", "")), "model");
    rejects(() -> RoundRequest.parse(dirs(), new JsonObject().put("rounds", 2)), "rounds");
  }

  @Test
  void seedFilesOutsideTheSeedDirectoriesAreRefusedWithoutSayingWhatTheyHold() throws Exception {
    Path outside = Files.writeString(Files.createTempFile("assay-outside", ".jsonl"), "root:x:0:0:secret\n");
    try {
      Files.createSymbolicLink(dir.resolve("link.jsonl"), outside);
      Files.createSymbolicLink(dir.resolve("etc"), Path.of("/etc"));
      Path sub = Files.createDirectories(dir.resolve("sub"));
      for (String s : List.of("/etc/passwd", outside.toString(), dir + "/../../etc/passwd", sub + "/../../" + outside.getFileName(),
          "../../../../../../etc/passwd", dir.resolve("link.jsonl").toString(), dir.resolve("etc/passwd").toString(),
          dir.toString(), "/etc/nonexistent-" + System.nanoTime())) {
        assertThatThrownBy(() -> RoundRequest.parse(dirs(), new JsonObject().put("seeds", s))).as(s)
            .isInstanceOfSatisfying(ApiError.class, e -> {
              assertThat(e.field).isEqualTo("seeds");
              assertThat(e.status).isEqualTo(400);
              assertThat(e.getMessage()).doesNotContain("root:").doesNotContain("secret");
            });
      }
      // a file outside is refused the same way whether it exists or not: nothing outside is probed
      String missing = "/etc/nonexistent-" + System.nanoTime();
      assertThatThrownBy(() -> RoundRequest.parse(dirs(), new JsonObject().put("seeds", missing)))
          .hasMessageContaining("web.seed_dirs");
      assertThatThrownBy(() -> RoundRequest.parse(dirs(), new JsonObject().put("seeds", "/etc/passwd")))
          .hasMessageContaining("web.seed_dirs");
      Path inSub = Files.writeString(sub.resolve("ok.jsonl"), "{}\n");
      assertThat(RoundRequest.parse(dirs(), new JsonObject().put("seeds", inSub.toString())).seeds())
          .containsExactly(inSub.toRealPath());
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void aSeedFilesErrorSaysWhereButNeverWhatItHolds() throws Exception {
    Path seeds = Files.writeString(dir.resolve("s.jsonl"), "root:x:0:0\n");
    RoundRequest r = RoundRequest.parse(dirs(), new JsonObject().put("seeds", seeds.toString()));
    Path p = r.seeds().get(0);
    assertThat(r.redact(p + ":1: not a JSON object: Unrecognized token 'root': was expecting\n 'null'"))
        .isEqualTo(p + ":1: not a valid seed file (the daemon's log has the details)");
    assertThat(r.redact(p + ": holds no problems")).doesNotContain("holds").startsWith(p + ": not a valid seed file");
    assertThat(r.redact("model endpoint unreachable")).isEqualTo("model endpoint unreachable");
    assertThat(RoundRequest.NONE.redact("x")).isEqualTo("x");
  }

  @Test
  void malformedPercentEscapesNameTheirParameter() {
    assertThat(Escapes.check("/api/samples", "domain=%ZZ").field).isEqualTo("domain");
    assertThat(Escapes.check("/api/samples", "limit=%").field).isEqualTo("limit");
    assertThat(Escapes.check("/api/samples", "round=q1&limit=%4").field).isEqualTo("limit");
    assertThat(Escapes.check("/api/samples", "%ZZ=1").field).isEqualTo("query");
    assertThat(Escapes.check("/api/%ZZ", null).field).isEqualTo("path");
    assertThat(Escapes.check("/api/rounds/%", null).field).isEqualTo("path");
    assertThat(Escapes.check("/api/rounds/q%31", "domain=m%61th&token=a%2Bb")).isNull();
    assertThat(Escapes.check("/", null)).isNull();
  }

  @Test
  void hostHeaderMustBeLoopbackTheBoundAddressOrAllowed() {
    AssayConfig.Web w = demo().web();
    Guard g = new Guard(new AssayConfig.Web("127.0.0.1", 8080, "T", "on_request", 0, 0, 0, List.of("assay.lan", "box:9000"),
        List.of(), List.of()), () -> 8080);
    for (String ok : List.of("localhost", "localhost:8080", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:8080", "LOCALHOST:8080",
        "assay.lan", "assay.lan:8080", "box:9000")) {
      assertThat(g.hostAllowed(ok)).as(ok).isTrue();
    }
    for (String bad : List.of("evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io", "box",
        "box:9001", "[::2]", "localhost:80:80", "", "localhost:port", "127.0.0.2")) {
      assertThat(g.hostAllowed(bad)).as(bad).isFalse();
    }
    assertThat(g.hostAllowed(null)).isFalse();
    assertThat(new Guard(w, () -> 1).hostAllowed("assay.lan")).isFalse();
    Guard bound = new Guard(new AssayConfig.Web("10.1.2.3", 0, "T", "on_request", 0, 0, 0, List.of(), List.of(), List.of()), () -> 1);
    assertThat(bound.hostAllowed("10.1.2.3:8080")).isTrue();
    Guard wild = new Guard(new AssayConfig.Web("0.0.0.0", 0, "T", "on_request", 0, 0, 0, List.of(), List.of(), List.of()), () -> 1);
    assertThat(wild.hostAllowed("0.0.0.0")).isFalse();
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

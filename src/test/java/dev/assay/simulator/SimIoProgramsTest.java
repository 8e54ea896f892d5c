package dev.assay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.Sandboxes;
import dev.assay.verify.VerdictReason;
import dev.assay.verify.code.CodeTask;
import dev.assay.verify.code.CodeVerdict;
import dev.assay.verify.code.CodeVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The simulator's stdin/stdout programs in every language, run by the real verifier on the process
 * sandbox: each family's reference passes the tests the simulator computes for it, the off-by-one
 * parameter fails, a crash is a runtime error and the broken source a compile error. The language
 * comes from the request's variables, the family from the statement's title.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimIoProgramsTest {
  static final List<String> LANGUAGES = List.of("python", "cpp", "javascript", "go", "rust");
  Vertx vertx;
  Sandbox sandbox;
  CodeVerifier verifier;
  final Map<String, Future<CodeVerdict>> verdicts = new LinkedHashMap<>();

  @BeforeAll
  void submit() throws Exception {
    vertx = Vertx.vertx();
    try {
      sandbox = Sandboxes.create(vertx, SandboxOptions.defaults());
    } catch (Exception e) {
      System.out.println("SKIP SimIoProgramsTest: process sandbox unavailable here: " + e.getMessage());
      return;
    }
    verifier = new CodeVerifier(sandbox, new CodeVerifier.Limits(2_000, 256, false, 30_000));
    SplittableRandom rng = new SplittableRandom(15);
    for (String lang : LANGUAGES) {
      for (int f = 0; f < 3; f++) {
        SimIo.Known k = SimIo.draw(f, rng);
        SimTask t = task(k.statement(), lang, k.tests(rng));
        submit(lang + "/" + f + "/correct", t, SimOutcome.CORRECT);
        if (f == 1) {
          submit(lang + "/" + f + "/broken", t, SimOutcome.FORK_BOMB);
        }
        if (f == 1 && lang.equals("cpp")) {
          submit(lang + "/" + f + "/wrong", t, SimOutcome.WRONG_ANSWER);
          submit(lang + "/" + f + "/raises", t, SimOutcome.RAISES);
        }
      }
    }
  }

  private static SimTask task(String statement, String lang, io.vertx.core.json.JsonArray tests) {
    JsonObject body = new JsonObject().put("format", "io").put("language", lang).put("prompt", statement).put("tests", tests);
    JsonObject vars = new JsonObject().put("problem", new JsonObject().put("statement", statement).put("body", body))
        .put("language", lang);
    return new SimTask("solve/code-io", vars, 1L, "");
  }

  private void submit(String key, SimTask t, SimOutcome o) {
    String answer = SimIo.answer(t, o, new SplittableRandom(key.hashCode()));
    CodeTask task = CodeTask.fromJson(t.body().copy().put("id", key), "io");
    String program = dev.assay.verify.CodeBlocks.extract(answer, task.candidateLanguage());
    verdicts.put(key, verifier.verify(task, program));
  }

  @AfterAll
  void down() throws Exception {
    if (sandbox != null) {
      sandbox.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  private VerdictReason reason(String key) throws Exception {
    return verdicts.get(key).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES).verdict().reason();
  }

  @Test
  void everyFamilysReferencePassesInEveryLanguageAndTheFailingOutcomesFailAsTheySay() throws Exception {
    Assumptions.assumeTrue(sandbox != null, "process sandbox unavailable");
    List<String> wrong = new ArrayList<>();
    for (var e : verdicts.entrySet()) {
      String outcome = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
      VerdictReason want = switch (outcome) {
        case "correct" -> VerdictReason.OK;
        case "wrong" -> VerdictReason.WRONG_ANSWER;
        case "raises" -> VerdictReason.RUNTIME_ERROR;
        default -> VerdictReason.COMPILE_ERROR;
      };
      CodeVerdict v = e.getValue().toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
      if (v.verdict().reason() != want) {
        wrong.add(e.getKey() + ": " + v.verdict());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(reason("cpp/0/correct")).isEqualTo(VerdictReason.OK);
  }

  @Test
  void theProjectsSeedsAreKnownByTheirTitleOrSolvedWithTheReferenceTheyCarry() throws Exception {
    List<JsonObject> seeds = Files.readAllLines(Path.of("problems/io.jsonl")).stream().map(JsonObject::new).toList();
    assertThat(seeds.subList(0, 3)).allMatch(s -> SimIo.known(s.getString("prompt")).isPresent());
    JsonObject spread = seeds.get(4);
    assertThat(SimIo.known(spread.getString("prompt"))).isEmpty();
    SimTask t = task(spread.getString("prompt"), "cpp", spread.getJsonArray("tests"));
    t.body().put("solutions", spread.getJsonObject("solutions"));
    assertThat(SimIo.program(t, SimOutcome.CORRECT)).isEqualTo(spread.getJsonObject("solutions").getString("cpp"));
  }
}

package dev.assay.loop;

import static dev.assay.loop.StageHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.cli.Stack;
import dev.assay.config.AssayConfig;
import dev.assay.config.ConfigLoader;
import dev.assay.verify.SampleCheck;
import dev.assay.verify.Verdict;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, acceptance 4: a whole round through the simulated model on the project's stdin/stdout
 * seeds ({@code problems/io.jsonl}) with {@code round.code_language: cpp}: the model is asked for
 * C++ programs (and for new C++ problems), the sandbox compiles and runs them, and every kept
 * sample is a C++ program that passes its problem again when verified afresh.
 */
@Tag("e2e")
class CppRoundTest {
  @TempDir Path dir;

  @Test
  void aCppRoundOnStdinStdoutSeedsKeepsSamplesThatReverify() throws Exception {
    Path yaml = dir.resolve("cpp.yaml");
    Files.writeString(yaml, """
        run: {name: cpp, seed: 15, db: %s, out: %s}
        model: {simulated: true, name: assay-sim-1, max_retries: 6, backoff_base_ms: 5, backoff_max_ms: 50, max_in_flight: 8}
        simulator:
          seed: 15
          latency_ms: 0
          outcomes: {correct: 0.6, wrong_answer: 0.2, raises: 0.1, fork_bomb: 0.1}
        round:
          seeds: [%s]
          code_language: cpp
          max_seeds: 4
          proposals_per_seed: 1
          samples_per_problem: 2
          rationalize: false
        sandbox: {backend: process, warm: true, pool_size: 2, timeout_ms: 3000, memory_mb: 256}
        """.formatted(dir.resolve("r.db"), dir.resolve("out"), Path.of("problems/io.jsonl").toAbsolutePath()));
    AssayConfig cfg = ConfigLoader.load(yaml, Map.of());
    Vertx vertx = Vertx.vertx();
    try {
      Stack stack = await(Stack.deploy(vertx, cfg));
      Rounds.Result r = await(Rounds.run(vertx, cfg, stack.services, Progress.NONE));
      assertThat(r.kept()).isPositive();
      List<String> lines = Files.readAllLines(r.samples());
      assertThat(lines).hasSize((int) r.kept());
      Set<String> origins = new HashSet<>();
      Set<String> problems = new HashSet<>();
      for (String line : lines) {
        JsonObject s = new JsonObject(line);
        JsonObject meta = s.getJsonObject("meta");
        JsonObject body = meta.getJsonObject("problem");
        assertThat(body.getString("format")).isEqualTo("io");
        assertThat(body.getString("language")).isEqualTo("cpp");
        JsonArray messages = s.getJsonArray("messages");
        assertThat(messages.getJsonObject(0).getString("content")).contains("C++");
        String answer = messages.getJsonObject(messages.size() - 1).getString("content");
        assertThat(answer).contains("```cpp").contains("int main(");
        Verdict again = await(stack.services.verification().sample(SampleCheck.code(body.copy()
            .put("task_id", meta.getString("problem_id")), answer)));
        assertThat(again.passed()).as("%s re-verified: %s", meta.getString("problem_id"), again).isTrue();
        origins.add(meta.getString("origin"));
        problems.add(meta.getString("problem_id"));
      }
      assertThat(origins).as("seeds and proposed C++ problems both yield samples").contains("seed", "proposed");
      assertThat(problems.size()).isGreaterThanOrEqualTo(3);
      JsonObject report = r.report();
      assertThat(report.encode()).contains("compile_error");
    } finally {
      await(vertx.close());
    }
  }
}

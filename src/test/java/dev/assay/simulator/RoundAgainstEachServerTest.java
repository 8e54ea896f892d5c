package dev.assay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.Main;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full round ({@code assay round}, in this JVM) against the simulator imitating each server the
 * client must adapt to, 8 samples per problem: every solved problem gets its 8 attempts whatever the
 * server does with {@code n}, and the stored completion tokens are what the server generated for
 * them (its own per-request count, read from the request log), except where only an estimate can be
 * had (OpenAI-like: no tokenize route, usage summed), which is then marked.
 */
@Tag("e2e")
class RoundAgainstEachServerTest {
  static final int SAMPLES = 8;

  /** Runs a round against the simulator behaving like {@code server}; {@code prompts} is extra YAML. */
  private static Path round(Path dir, String server, String prompts) throws Exception {
    Path math = Files.write(dir.resolve("seeds-math.jsonl"), Files.readAllLines(Path.of("problems/math.jsonl")).subList(0, 3));
    Path code = Files.write(dir.resolve("seeds-code.jsonl"), Files.readAllLines(Path.of("problems/code.jsonl")).subList(0, 2));
    Path yaml = Files.writeString(dir.resolve("round.yaml"), """
        run: {name: servers, seed: 42, db: %s, out: %s}
        model: {simulated: true, name: assay-sim-1, max_retries: 6, backoff_base_ms: 5, backoff_max_ms: 50,
                max_in_flight: 8, max_outage_ms: 10000}
        simulator: {seed: 7, behaves_like: "%s", slots: 4, request_log: %s, knowledge: [%s, %s]}
        round:
          seeds: [%s, %s]
          proposals_per_seed: 1
          samples_per_problem: %d
          max_in_flight_problems: 8
          math_proposals: program
          code_proposals: tasks
          rationalize: true
        keep: {filters: ["tokens < 4096"]}
        sandbox: {backend: process, warm: true, pool_size: 2, timeout_ms: 300, memory_mb: 256}
        %s
        """.formatted(dir.resolve("r.db"), dir.resolve("out"), server, dir.resolve("requests.jsonl"),
        Path.of("problems/math.jsonl").toAbsolutePath(), Path.of("problems/code.jsonl").toAbsolutePath(), math, code,
        SAMPLES, prompts));
    assertThat(Main.run("round", "--config", yaml.toString())).as("assay round against " + server).isZero();
    return dir;
  }

  private static long one(Path dir, String sql) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("r.db"));
        ResultSet r = c.createStatement().executeQuery(sql)) {
      return r.next() ? r.getLong(1) : -1;
    }
  }

  private static List<JsonObject> requests(Path dir) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("requests.jsonl"))) {
      out.add(new JsonObject(line));
    }
    return out;
  }

  /** Completion tokens the simulator generated for answered solve requests. */
  private static long solveTokensGenerated(List<JsonObject> log) {
    return log.stream().filter(l -> l.getString("task", "").startsWith("solve/") && l.getInteger("status") == 200)
        .mapToLong(l -> l.getLong("tokens_predicted")).sum();
  }

  private static void everySolvedProblemHasAllItsSamples(Path dir) throws Exception {
    assertThat(one(dir, "SELECT COUNT(*) FROM rounds WHERE state = 'done'")).isEqualTo(1);
    assertThat(one(dir, "SELECT COUNT(DISTINCT problem_id) FROM attempts WHERE kind = 'sample'")).isGreaterThan(4);
    assertThat(one(dir, "SELECT COUNT(*) FROM (SELECT problem_id FROM attempts WHERE kind = 'sample'"
        + " GROUP BY problem_id HAVING COUNT(*) != " + SAMPLES + ")")).isZero();
    assertThat(one(dir, "SELECT COUNT(*) FROM keeps WHERE keep = 'kept'")).isPositive();
  }

  private static void tokensAreWhatTheServerGenerated(Path dir) throws Exception {
    long stored = one(dir, "SELECT SUM(completion_tokens) FROM attempts");
    List<JsonObject> log = requests(dir);
    System.out.printf("round figures %s: %d attempts, %d completion tokens stored, %d generated for solve requests,"
        + " %d requests (%d refused)%n", dir.getFileName(), one(dir, "SELECT COUNT(*) FROM attempts"), stored,
        solveTokensGenerated(log), log.size(), log.stream().filter(l -> l.getInteger("status") != 200).count());
    assertThat(one(dir, "SELECT SUM(tokens_estimated) FROM attempts")).isZero();
    assertThat(stored).isEqualTo(solveTokensGenerated(log));
  }

  @Test
  void llamaCppWithFourSlotsGetsEightSamplesSplitInFoursAndExactTokens(@TempDir Path dir) throws Exception {
    round(dir, "llama.cpp", "");
    everySolvedProblemHasAllItsSamples(dir);
    tokensAreWhatTheServerGenerated(dir);
    List<JsonObject> log = requests(dir);
    List<JsonObject> refused = log.stream().filter(l -> l.getInteger("status") == 400).toList();
    assertThat(refused).isNotEmpty().allSatisfy(l -> assertThat(l.getJsonObject("body").getInteger("n")).isEqualTo(8));
    assertThat(refused.size()).as("the limit is learned once, not per request").isLessThanOrEqualTo(8);
    assertThat(log.stream().filter(l -> l.getInteger("status") == 200))
        .allSatisfy(l -> assertThat(l.getJsonObject("body").getInteger("n", 1)).isLessThanOrEqualTo(4));
  }

  @Test
  void ollamaIgnoringNGetsEightSamplesOneRequestEachAndExactTokens(@TempDir Path dir) throws Exception {
    round(dir, "ollama", "");
    everySolvedProblemHasAllItsSamples(dir);
    tokensAreWhatTheServerGenerated(dir);
    long problems = one(dir, "SELECT COUNT(DISTINCT problem_id) FROM attempts WHERE kind = 'sample'");
    assertThat(requests(dir).stream().filter(l -> "solve/math".equals(l.getString("task"))
        || "solve/code".equals(l.getString("task"))).count()).isGreaterThanOrEqualTo(problems * SAMPLES);
  }

  @Test
  void openAiRejectingNothingWeSendGetsEightSamplesWithTokensMarkedEstimated(@TempDir Path dir) throws Exception {
    round(dir, "openai", "");
    everySolvedProblemHasAllItsSamples(dir);
    assertThat(requests(dir)).allSatisfy(l -> assertThat(l.getInteger("status")).isEqualTo(200));
    assertThat(one(dir, "SELECT COUNT(*) FROM attempts WHERE kind = 'sample' AND tokens_estimated = 0")).isZero();
    long stored = one(dir, "SELECT SUM(completion_tokens) FROM attempts");
    long requests = requests(dir).stream().filter(l -> l.getString("task", "").startsWith("solve/")).count();
    assertThat(Math.abs(stored - solveTokensGenerated(requests(dir)))).as("an estimate that splits the summed usage")
        .isLessThanOrEqualTo(requests * SAMPLES / 2);
  }

  @Test
  void vllmWithAReworderedTemplateKeepsSamplesAndTheRequestsCarryTheNewMessages(@TempDir Path dir) throws Exception {
    round(dir, "vllm", """
        prompts:
          solve_math:
            system: "You are a meticulous competition mathematician."
            few_shot:
              - user: "A warm-up: what is 2 + 2?"
                assistant: "2 + 2 = 4, so the answer is \\\\boxed{4}."
            user: "Here is a problem for you.\\n{{ problem.statement }}\\nThink it through and put the final number in \\\\boxed{}."
            options: {max_tokens: 700, temperature: 0.6, extra_body: {top_k: 20}}
        """);
    everySolvedProblemHasAllItsSamples(dir);
    tokensAreWhatTheServerGenerated(dir);
    assertThat(one(dir, "SELECT COUNT(*) FROM attempts a"
        + " JOIN keeps k ON k.round_id=a.round_id AND k.problem_id=a.problem_id AND k.idx=a.idx WHERE k.keep = 'kept' AND a.domain = 'math'")).as("math samples kept with the new wording").isPositive();
    List<JsonObject> solves = requests(dir).stream().filter(l -> "solve/math".equals(l.getString("task"))).toList();
    assertThat(solves).isNotEmpty().allSatisfy(l -> {
      JsonObject body = l.getJsonObject("body");
      JsonArray messages = body.getJsonArray("messages");
      assertThat(messages).hasSize(4);
      assertThat(messages.getJsonObject(0).getString("content")).isEqualTo("You are a meticulous competition mathematician.");
      assertThat(messages.getJsonObject(2).getString("role")).isEqualTo("assistant");
      assertThat(messages.getJsonObject(3).getString("content")).startsWith("Here is a problem for you.\n");
      assertThat(body.getInteger("max_tokens")).isEqualTo(700);
      assertThat(body.getInteger("top_k")).isEqualTo(20);
      assertThat(l.getJsonObject("headers").getString("X-Assay-Task")).isEqualTo("solve/math");
      assertThat(l.getJsonObject("vars").getJsonObject("problem").getString("statement"))
          .isEqualTo(messages.getJsonObject(3).getString("content").split("\n")[1]);
    });
  }
}

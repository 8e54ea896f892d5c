package dev.assay.loop;

import dev.assay.cli.Stack;
import dev.assay.config.AssayConfig;
import dev.assay.config.ConfigLoader;
import dev.assay.store.RoundInfo;
import dev.assay.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A round's real parts in this JVM, for stage tests: SQLite in a temp dir, the simulated model
 * over HTTP, the process sandbox and the verifiers, deployed as the CLI deploys them, on a small
 * config (a few seeds of each domain, few samples) so a stage runs in seconds.
 */
final class StageHarness implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final AssayConfig cfg;
  final Stack stack;
  final Cleaning cleaning;
  final AtomicBoolean cancel = new AtomicBoolean();

  private StageHarness(Path dir, String extraYaml) throws Exception {
    this(dir, extraYaml, "");
  }

  /** {@code roundYaml}: more lines of the round section (each indented two spaces). */
  private StageHarness(Path dir, String extraYaml, String roundYaml) throws Exception {
    this(dir, extraYaml, roundYaml, "");
  }

  /** {@code simulatorYaml}: more fields of the simulator's flow mapping (after a comma). */
  private StageHarness(Path dir, String extraYaml, String roundYaml, String simulatorYaml) throws Exception {
    Path yaml = dir.resolve("stage.yaml");
    Path math = dir.resolve("seeds-math.jsonl");
    Path code = dir.resolve("seeds-code.jsonl");
    Files.write(math, Files.readAllLines(Path.of("problems/math.jsonl")).subList(0, 3));
    Files.write(code, Files.readAllLines(Path.of("problems/code.jsonl")).subList(0, 3));
    Files.writeString(yaml, """
        run: {name: stages, seed: 42, db: %s, out: %s}
        model: {simulated: true, name: assay-sim-1, max_retries: 6, backoff_base_ms: 5, backoff_max_ms: 50, max_in_flight: 8}
        simulator: {seed: 7, latency_ms: 0, knowledge: [%s, %s]%s}
        round:
          seeds: [%s, %s]
          proposals_per_seed: 1
          samples_per_problem: 3
          max_in_flight_problems: 8
          math_proposals: program
          code_proposals: both
          rationalize: true
        %s
        keep: {min_dual_agreement: 0.3, filters: ["tokens < 4096"]}
        sandbox: {backend: process, warm: true, pool_size: 2, timeout_ms: 300, memory_mb: 256}
        %s
        """.formatted(dir.resolve("s.db"), dir.resolve("out"), home("problems/math.jsonl"), home("problems/code.jsonl"),
        simulatorYaml.isEmpty() ? "" : ", " + simulatorYaml, math, code, roundYaml, extraYaml));
    cfg = ConfigLoader.load(yaml, Map.of());
    stack = await(Stack.deploy(vertx, cfg));
    cleaning = Cleaning.create(cfg);
  }

  static StageHarness start(Path dir) throws Exception {
    return new StageHarness(dir, "");
  }

  static StageHarness agentic(Path dir, String roundYaml) throws Exception {
    return new StageHarness(dir, "", roundYaml);
  }

  /** A harness whose simulated model answers every math problem wrongly (STaR's unsolved seeds). */
  static StageHarness unsolvedMath(Path dir) throws Exception {
    return new StageHarness(dir, "", "", "outcomes: {math.wrong_answer: 1.0}");
  }

  /** A harness whose simulator has {@code simulatorYaml} (fields of its flow mapping) and more config lines. */
  static StageHarness simulated(Path dir, String simulatorYaml, String extraYaml) throws Exception {
    return new StageHarness(dir, extraYaml, "", simulatorYaml);
  }

  static StageHarness start(Path dir, String extraYaml) throws Exception {
    return new StageHarness(dir, extraYaml);
  }

  private static String home(String rel) {
    return Path.of(rel).toAbsolutePath().toString();
  }

  Store store() {
    return stack.services.store();
  }

  /** Opens (or resumes) the run's round and the context its stages run with. */
  RoundContext context() {
    RoundInfo round = await(store().rounds().open(cfg.run().name(), cfg.run().seed(), cfg.model().name(), true,
        Rounds.configJson(cfg)));
    return new RoundContext(vertx, cfg, store(), stack.services.model(), stack.services.verification(), cleaning,
        dev.assay.loop.prompt.PromptBook.load(cfg.prompts()), Progress.NONE, cancel::get, Rounds.loadSeeds(cfg), round, Seeds.of(round.seed(), "round", String.valueOf(round.roundNo())));
  }

  /** Runs the stages before {@code stage} (so its inputs are complete). */
  void runUpTo(RoundContext ctx, Class<? extends Stage> stage) {
    for (Stage s : RoundRunner.STAGES) {
      if (stage.isInstance(s)) {
        return;
      }
      await(s.run(ctx));
    }
  }

  /** Removes a test's temp directory and everything in it. */
  static void delete(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}

package dev.assay.loop;

import dev.assay.config.AssayConfig;
import dev.assay.loop.core.Problem;
import dev.assay.loop.prompt.PromptBook;
import dev.assay.model.ModelClient;
import dev.assay.store.Store;
import dev.assay.verify.Verification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Runs rounds: the loop's entry point for the CLI and the daemon. */
public final class Rounds {
  private Rounds() {}

  /** A finished round and where its files went. */
  public record Result(int roundNo, String run, JsonObject report, Path samples, Path reportFile, long kept) {}

  /** The services a round talks to; built once per process, reused by every round. */
  public record Services(Store store, ModelClient model, Verification verification, String sandboxDescription) {}

  /** Loads and checks every seed file; fails INVALID_INPUT naming the file, line and field. */
  public static List<Problem> loadSeeds(AssayConfig cfg) {
    Map<String, Problem> seeds = new LinkedHashMap<>();
    for (Path f : cfg.round().seeds()) {
      for (Problem p : SeedLoader.load(f)) {
        seeds.putIfAbsent(p.id(), p);
      }
    }
    List<Problem> all = new ArrayList<>(seeds.values());
    int max = cfg.round().maxSeeds();
    return max > 0 && all.size() > max ? all.subList(0, max) : all;
  }

  /** Checks the parts of a config that need building (seeds, filters, benchmarks) before anything runs. */
  public static void check(AssayConfig cfg) {
    loadSeeds(cfg);
    Cleaning.create(cfg);
    PromptBook.load(cfg.prompts());
  }

  /** Runs or resumes the current round of the configured run and writes its samples and report. */
  public static Future<Result> run(Vertx vertx, AssayConfig cfg, Services services, Progress progress) {
    return run(vertx, cfg, services, progress, () -> false);
  }

  /**
   * As above; once {@code cancelled} says so the round takes no new work, lets in-flight work
   * finish and store, marks the round {@code cancelled} (it stays resumable) and fails with
   * UNEXPECTED_STATE.
   */
  public static Future<Result> run(Vertx vertx, AssayConfig cfg, Services services, Progress progress,
      BooleanSupplier cancelled) {
    long t0 = System.nanoTime();
    RoundOutput output = new RoundOutput(cfg.run().out());
    return vertx.executeBlocking(() -> new Prepared(loadSeeds(cfg), Cleaning.create(cfg), PromptBook.load(cfg.prompts())))
        .compose(prep -> services.store().rounds().open(cfg.run().name(), cfg.run().seed(), cfg.model().name(),
                cfg.model().simulated(), configJson(cfg))
            .map(round -> new RoundContext(vertx, cfg, services.store(), services.model(), services.verification(),
                prep.cleaning(), prep.prompts(), progress, cancelled, prep.seeds(), round,
                Seeds.of(round.seed(), "round", String.valueOf(round.roundNo())))))
        .compose(ctx -> RoundRunner.run(ctx, services.sandboxDescription(), output, t0))
        .map(o -> new Result(o.round().roundNo(), o.round().run(), o.report(), output.samples(), output.report(), o.kept()));
  }

  private record Prepared(List<Problem> seeds, Cleaning cleaning, PromptBook prompts) {}

  /**
   * The config a round is opened with, as stored with it (without secrets: the key itself never is in
   * the config, only its variable name); its {@code resume_key} says which work the round is.
   */
  public static JsonObject configJson(AssayConfig cfg) {
    AssayConfig.Round r = cfg.round();
    JsonObject work = new JsonObject().put("model", cfg.model().name())
        .put("seeds", r.seeds().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList())
        .put("proposals_per_seed", r.proposalsPerSeed()).put("samples_per_problem", r.samplesPerProblem())
        .put("math_proposals", r.mathProposals()).put("code_proposals", r.codeProposals()).put("rationalize", r.rationalize())
        .put("solve_mode", new JsonObject(new java.util.TreeMap<String, Object>(r.agent().modes())))
        .put("max_repairs", r.agent().maxRepairs()).put("tool_style", r.agent().toolStyle());
    return new JsonObject()
        .put(dev.assay.store.RoundStore.RESUME_KEY, work)
        .put("file", String.valueOf(cfg.file()))
        .put("run", JsonObject.mapFrom(cfg.run()).put("db", cfg.run().db().toString()).put("out", cfg.run().out().toString()))
        .put("model", JsonObject.mapFrom(cfg.model()))
        .put("round", new JsonObject().put("proposals_per_seed", cfg.round().proposalsPerSeed())
            .put("samples_per_problem", cfg.round().samplesPerProblem())
            .put("seeds", cfg.round().seeds().stream().map(Path::toString).toList()))
        .put("sandbox", JsonObject.mapFrom(cfg.sandbox()));
  }
}

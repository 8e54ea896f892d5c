package dev.assay.loop;

import dev.assay.config.AssayConfig;
import dev.assay.model.ModelClient;
import dev.assay.store.Store;
import dev.assay.verify.Problem;
import dev.assay.sandbox.Sandbox;
import dev.assay.verify.Verifier;
import java.util.function.BooleanSupplier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs rounds: the loop's entry point for the CLI and the daemon. */
public final class Rounds {
  private Rounds() {}

  /** A finished round and where its files went. */
  public record Result(int roundNo, String run, JsonObject report, Path samples, Path reportFile, int kept) {}

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

  /** The services a round talks to; built once per process, reused by every round. */
  public record Services(Store store, ModelClient model, Verifier verifier, Sandbox sandbox, String sandboxDescription) {}

  /** Runs or resumes the current round of the configured run and writes its samples and report. */
  public static Future<Result> run(Vertx vertx, AssayConfig cfg, Services services, Progress progress) {
    return run(vertx, cfg, services, progress, () -> false);
  }

  /**
   * As above; once {@code cancelled} says so the round takes no new work, lets in-flight work
   * finish and store, marks the round {@code cancelled} and fails with UNEXPECTED_STATE.
   */
  public static Future<Result> run(Vertx vertx, AssayConfig cfg, Services services, Progress progress,
      BooleanSupplier cancelled) {
    return vertx.executeBlocking(() -> new Prepared(loadSeeds(cfg), Cleaning.create(cfg)))
        .compose(prep -> new RoundRunner(prep.seeds(), services.sandboxDescription(), round -> new RoundContext(vertx, cfg,
                services.store(), services.model(), services.verifier(), services.sandbox(), prep.cleaning(), progress,
                cancelled, round, Seeds.of(round.seed(), "round", String.valueOf(round.roundNo()))))
            .run(services.store(), cfg.run().name(), cfg.run().seed(), cfg.model().name(), cfg.model().simulated(),
                configJson(cfg)))
        .compose(o -> vertx.executeBlocking(() -> SamplesWriter.write(cfg.run().out(), o)));
  }

  /** Checks the parts of a config that need building (filters, benchmarks) before anything runs. */
  public static void check(AssayConfig cfg) {
    loadSeeds(cfg);
    Cleaning.create(cfg);
  }

  private record Prepared(List<Problem> seeds, Cleaning cleaning) {}

  private static String configJson(AssayConfig cfg) {
    // The config as run, without secrets: the key itself never is in the config, only its variable name.
    return new JsonObject()
        .put("file", String.valueOf(cfg.file()))
        .put("run", JsonObject.mapFrom(cfg.run()).put("db", cfg.run().db().toString()).put("out", cfg.run().out().toString()))
        .put("model", JsonObject.mapFrom(cfg.model()))
        .put("round", new JsonObject().put("proposals_per_seed", cfg.round().proposalsPerSeed())
            .put("samples_per_problem", cfg.round().samplesPerProblem())
            .put("seeds", cfg.round().seeds().stream().map(Path::toString).toList()))
        .put("sandbox", JsonObject.mapFrom(cfg.sandbox()))
        .encode();
  }

}

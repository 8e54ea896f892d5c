package dev.assay.loop;

import dev.assay.config.AssayConfig;
import dev.assay.model.ModelClient;
import dev.assay.store.RoundInfo;
import dev.assay.store.Store;
import dev.assay.verify.Verification;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What every stage of one round works with. */
record RoundContext(
    Vertx vertx,
    AssayConfig cfg,
    Store store,
    ModelClient model,
    Verification verification,
    Cleaning cleaning,
    dev.assay.loop.prompt.PromptBook prompts,
    Progress progress,
    BooleanSupplier cancelled,
    List<dev.assay.loop.core.Problem> seeds,
    RoundInfo round,
    long seed) {

  /** The per-request sampling seed: from the round and what is asked, never from request order. */
  long seedFor(String what, String id) {
    return Seeds.of(seed, what, id);
  }

  RoundContext withModel(ModelClient m) {
    return new RoundContext(vertx, cfg, store, m, verification, cleaning, prompts, progress, cancelled, seeds, round, seed);
  }

  RoundContext withVerification(Verification v) {
    return new RoundContext(vertx, cfg, store, model, v, cleaning, prompts, progress, cancelled, seeds, round, seed);
  }

  RoundContext withProgress(Progress p) {
    return new RoundContext(vertx, cfg, store, model, verification, cleaning, prompts, p, cancelled, seeds, round, seed);
  }

  int width() {
    return cfg.round().maxInFlightProblems();
  }

  long roundId() {
    return round.id();
  }
}

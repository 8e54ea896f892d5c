package dev.assay.loop;

import dev.assay.config.AssayConfig;
import dev.assay.model.ModelClient;
import dev.assay.sandbox.Sandbox;
import dev.assay.store.Store;
import dev.assay.store.Store.RoundInfo;
import dev.assay.verify.Verifier;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/** What every stage of one round works with. */
record RoundContext(
    Vertx vertx,
    AssayConfig cfg,
    Store store,
    ModelClient model,
    Verifier verifier,
    Sandbox sandbox,
    Cleaning cleaning,
    Progress progress,
    BooleanSupplier cancelled,
    RoundInfo round,
    long seed) {

  /** The per-request sampling seed: from the round and what is asked, never from request order. */
  long seedFor(String what, String id) {
    return Seeds.of(seed, what, id);
  }

  int width() {
    return cfg.round().maxInFlightProblems();
  }
}

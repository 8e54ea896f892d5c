package dev.assay.web;

import dev.assay.config.AssayConfig;
import dev.assay.store.Store;
import io.vertx.core.Future;

/** Which models a round may use: the configured one, or one registered for the run (e.g. a fine-tuned model). */
final class Models {
  private final AssayConfig cfg;
  private final Store store;

  Models(AssayConfig cfg, Store store) {
    this.cfg = cfg;
    this.store = store;
  }

  /**
   * Where a model is served: null for the configured model when simulated (the simulator), its
   * base URL otherwise; fails with a 400 naming {@code model} for a model that is neither.
   */
  Future<String> baseUrlOf(String name) {
    if (name == null || name.equals(cfg.model().name())) {
      return Future.succeededFuture(cfg.model().simulated() ? null : cfg.model().baseUrl());
    }
    return store.models(cfg.run().name()).compose(list -> list.stream().filter(x -> x.name().equals(name)).findFirst()
        .map(x -> Future.succeededFuture(x.baseUrl()))
        .orElseGet(() -> Future.failedFuture(ApiError.field("model", "unknown model '" + name + "': neither the configured"
            + " model '" + cfg.model().name() + "' nor one registered for run '" + cfg.run().name() + "' "
            + list.stream().map(Store.ModelRecord::name).toList()))));
  }
}

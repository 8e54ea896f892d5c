package dev.assay.store;

import io.vertx.core.Future;
import java.util.List;

/** A run's model registry: the base model and each model a fine-tune made from a round's dataset. */
public interface ModelStore {

  /** Records a model (idempotent by name). */
  Future<Void> register(ModelRecord model);

  /** The run's models, oldest first. */
  Future<List<ModelRecord>> list(String run);
}

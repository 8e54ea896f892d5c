package dev.assay.store;

import dev.assay.Bus;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the database and serves the {@link Store}'s repositories over the event bus. A worker
 * verticle: JDBC runs on its worker thread, one call at a time, never on an event loop. Opening
 * migrates the schema to this version (see {@link Migrations}).
 */
public class StoreVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(StoreVerticle.class);
  private final Path file;
  private Db db;
  private final List<MessageConsumer<dev.assay.Bus.Envelope>> consumers = new ArrayList<>();

  public StoreVerticle(Path file) {
    this.file = file;
  }

  /** Deployment options that make this a worker verticle. */
  public static DeploymentOptions options() {
    return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
  }

  @Override
  public Future<?> start() {
    db = Db.open(file);
    log.debug("store open file={}", file);
    Store s = Jdbc.store(db);
    return Future.all(List.of(
            Bus.serve(vertx, RoundStore.class, s.rounds(), Store.PREFIX + ".rounds"),
            Bus.serve(vertx, ProblemStore.class, s.problems(), Store.PREFIX + ".problems"),
            Bus.serve(vertx, AttemptStore.class, s.attempts(), Store.PREFIX + ".attempts"),
            Bus.serve(vertx, SampleStore.class, s.samples(), Store.PREFIX + ".samples"),
            Bus.serve(vertx, ModelStore.class, s.models(), Store.PREFIX + ".models"),
            Bus.serve(vertx, TrajectoryStore.class, s.trajectories(), Store.PREFIX + ".trajectories")))
        .onSuccess(cf -> {
          for (int i = 0; i < cf.size(); i++) {
            consumers.addAll(cf.resultAt(i));
          }
        });
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList())
        .eventually(() -> {
          if (db != null) {
            db.close();
          }
          return Future.succeededFuture();
        });
  }
}

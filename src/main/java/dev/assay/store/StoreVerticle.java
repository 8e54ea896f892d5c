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
 * migrates the schema to this version (see {@link Migrations}). On PostgreSQL it deploys
 * {@code poolSize - 1} more workers serving the same addresses over the same pool, so that many calls
 * run at once, each in its own transaction; they are undeployed with it.
 */
public class StoreVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(StoreVerticle.class);
  private final StoreLocation at;
  private Db db;
  private final List<MessageConsumer<dev.assay.Bus.Envelope>> consumers = new ArrayList<>();

  public StoreVerticle(Path file) {
    this(StoreLocation.sqlite(file));
  }

  public StoreVerticle(StoreLocation at) {
    this.at = at;
  }

  /** Deployment options that make this a worker verticle. */
  public static DeploymentOptions options() {
    return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
  }

  @Override
  public Future<?> start() {
    db = Db.open(at);
    log.debug("store open at={}", at.describe());
    Store s = Jdbc.store(db);
    Future<?> served = serve(vertx, s, consumers);
    if (!at.postgres() || at.poolSize() <= 1) {
      return served;
    }
    return served.compose(v -> vertx.deployVerticle(() -> new Replica(s),
        options().setInstances(at.poolSize() - 1)));
  }

  private static Future<?> serve(io.vertx.core.Vertx vertx, Store s, List<MessageConsumer<dev.assay.Bus.Envelope>> into) {
    return Future.all(List.of(
            Bus.serve(vertx, RoundStore.class, s.rounds(), Store.PREFIX + ".rounds"),
            Bus.serve(vertx, ProblemStore.class, s.problems(), Store.PREFIX + ".problems"),
            Bus.serve(vertx, AttemptStore.class, s.attempts(), Store.PREFIX + ".attempts"),
            Bus.serve(vertx, SampleStore.class, s.samples(), Store.PREFIX + ".samples"),
            Bus.serve(vertx, ModelStore.class, s.models(), Store.PREFIX + ".models"),
            Bus.serve(vertx, TrajectoryStore.class, s.trajectories(), Store.PREFIX + ".trajectories")))
        .onSuccess(cf -> {
          for (int i = 0; i < cf.size(); i++) {
            into.addAll(cf.resultAt(i));
          }
        });
  }

  /** One more worker serving the same repositories (PostgreSQL: its calls borrow their own connections). */
  private static final class Replica extends VerticleBase {
    private final Store store;
    private final List<MessageConsumer<dev.assay.Bus.Envelope>> consumers = new ArrayList<>();

    Replica(Store store) {
      this.store = store;
    }

    @Override
    public Future<?> start() {
      return serve(vertx, store, consumers);
    }

    @Override
    public Future<?> stop() {
      return Future.join(consumers.stream().map(MessageConsumer::unregister).toList());
    }
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

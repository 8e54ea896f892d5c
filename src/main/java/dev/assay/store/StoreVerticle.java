package dev.assay.store;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the database. A worker verticle: its handlers run JDBC on a worker thread, one call at a
 * time, never on an event loop. Consumes {@code assay.store.call}; use {@link StoreClient}.
 */
public class StoreVerticle extends VerticleBase {
  static final String ADDRESS = "assay.store.call";
  private static final Logger log = LoggerFactory.getLogger(StoreVerticle.class);
  private final Path file;
  private SqliteStore db;
  private MessageConsumer<Object> consumer;

  public StoreVerticle(Path file) {
    this.file = file;
  }

  /** Deployment options that make this a worker verticle. */
  public static DeploymentOptions options() {
    return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
  }

  @Override
  public Future<?> start() {
    LocalCodec.register(vertx);
    db = new SqliteStore(file);
    log.debug("store open file={}", file);
    consumer = vertx.eventBus().consumer(ADDRESS, this::handle);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    Future<Void> f = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return f.eventually(() -> {
      if (db != null) {
        db.close();
      }
      return Future.succeededFuture();
    });
  }

  record Call(String op, Object[] args) {}

  @SuppressWarnings("unchecked")
  private void handle(Message<Object> m) {
    Call call = (Call) m.body();
    Object[] a = call.args();
    try {
      Object result = switch (call.op()) {
        case "openRound" -> db.openRound((String) a[0], (Long) a[1], (String) a[2], (Boolean) a[3], (String) a[4]);
        case "round" -> db.round((String) a[0], (Integer) a[1]);
        case "rounds" -> db.rounds();
        case "setStage" -> db.setStage((Long) a[0], (String) a[1]);
        case "setState" -> db.setState((Long) a[0], (String) a[1]);
        case "saveProblems" -> db.saveProblems((Long) a[0], (List<Store.ProblemRow>) a[1]);
        case "updateProblems" -> db.updateProblems((Long) a[0], (List<Store.ProblemRow>) a[1]);
        case "saveProposal" -> db.saveProposal((Long) a[0], (String) a[1], (Store.Usage) a[2], (List<Store.ProblemRow>) a[3]);
        case "proposedSeeds" -> db.proposedSeeds((Long) a[0]);
        case "problems" -> db.problems((Long) a[0], (Boolean) a[1]);
        case "saveSolve" -> db.saveSolve((Long) a[0], (String) a[1], (Store.Usage) a[2], (String) a[3], (List<Store.Attempt>) a[4]);
        case "solvedProblems" -> db.solvedProblems((Long) a[0]);
        case "unverified" -> db.unverified((Long) a[0]);
        case "saveVerdict" -> db.saveVerdict((Long) a[0], (String) a[1], (Integer) a[2], (dev.assay.verify.Verdict) a[3]);
        case "verified" -> db.attemptsWithVerdict((Long) a[0], true);
        case "failed" -> db.attemptsWithVerdict((Long) a[0], false);
        case "saveKeep" -> db.saveKeep((Long) a[0], (List<Store.KeepDecision>) a[1]);
        case "attempts" -> db.attempts((Long) a[0]);
        case "saveScore" -> db.saveScore((Long) a[0], (String) a[1], (Double) a[2], (Integer) a[3], (Integer) a[4]);
        case "scores" -> db.scores((Long) a[0]);
        case "registerModel" -> db.registerModel((Store.ModelRecord) a[0]);
        case "models" -> db.models((String) a[0]);
        case "problemStats" -> db.problemStats((String) a[0], (Integer) a[1]);
        case "kept" -> db.kept((Long) a[0]);
        case "counts" -> db.counts((Long) a[0]);
        case "finishRound" -> db.finishRound((Long) a[0], (Long) a[1], (io.vertx.core.json.JsonObject) a[2]);
        default -> webCall(call.op(), a);
      };
      m.reply(result, new DeliveryOptions().setCodecName(LocalCodec.NAME));
    } catch (AssayException e) {
      m.fail(e.kind().ordinal(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("store call {} failed", call.op(), e);
      m.fail(ErrorKind.STORE.ordinal(), call.op() + ": " + e);
    }
  }

  // --- web: paged samples and stored round configs (additive) ---

  private Object webCall(String op, Object[] a) {
    return switch (op) {
      case "samples" -> db.samples((Long) a[0], (String) a[1], (String) a[2], (Integer) a[3], (Long) a[4]);
      case "roundConfig" -> db.roundConfig((Long) a[0]);
      default -> throw new AssayException(ErrorKind.INTERNAL, "unknown store call " + op);
    };
  }
}

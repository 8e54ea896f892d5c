package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.AssayConfig;
import dev.assay.store.ModelRecord;
import dev.assay.store.RoundInfo;
import dev.assay.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run policy, one home for the CLI's {@code run} and the daemon: the run's model registry (the
 * base model, then one model per fine-tune), which model a round uses (the one made after the
 * round before it), pointing the model client at it, the fine-tune hook between rounds (its dataset
 * is the kept samples of the round it follows) and the stop rule of continuous mode.
 */
public final class Runs {
  private static final Logger log = LoggerFactory.getLogger(Runs.class);
  private final Vertx vertx;
  private final AssayConfig base;
  private final Rounds.Services services;
  private final ModelSwitch models;
  private final String simulatorUrl;

  /** Points the loop's model client at a model before a round. */
  @FunctionalInterface
  public interface ModelSwitch {
    /** {@code baseUrl} null, blank or "simulated" means the configured endpoint (or the simulator). */
    Future<Void> use(String name, String baseUrl);
  }

  /** @param simulatorUrl the simulated model server's URL when the model is simulated, else null */
  public Runs(Vertx vertx, AssayConfig base, Rounds.Services services, ModelSwitch models, String simulatorUrl) {
    this.vertx = vertx;
    this.base = base;
    this.services = services;
    this.models = models;
    this.simulatorUrl = simulatorUrl;
  }

  private Store store() {
    return services.store();
  }

  private String run() {
    return base.run().name();
  }

  /** Records the configured model as the run's base model (once). */
  public Future<Void> registerBase() {
    return store().models().list(run()).compose(list -> !list.isEmpty() ? Future.succeededFuture()
        : store().models().register(new ModelRecord(base.model().name(), run(), "", "",
            base.model().simulated() ? "simulated" : base.model().baseUrl(), base.model().simulated(), 0,
            Instant.now().toString())));
  }

  /** The run's finished rounds, oldest first. */
  public Future<List<RoundInfo>> doneRounds() {
    return store().rounds().list().map(all -> all.stream().filter(r -> r.run().equals(run()) && r.done()).toList());
  }

  /**
   * Calls the fine-tune hook for the run's newest finished round when it has not been called for it
   * (and the hook is configured); registers the model it made. Succeeds with that model, or null
   * when nothing was due.
   */
  public Future<ModelRecord> fineTuneIfDue() {
    if (!base.hook().configured()) {
      return Future.succeededFuture();
    }
    return Future.all(doneRounds(), store().models().list(run())).compose(cf -> {
      List<RoundInfo> done = cf.resultAt(0);
      List<ModelRecord> registry = cf.resultAt(1);
      if (done.isEmpty()) {
        return Future.succeededFuture();
      }
      RoundInfo last = done.get(done.size() - 1);
      if (registry.stream().anyMatch(m -> m.afterRound() == last.roundNo())) {
        return Future.succeededFuture();
      }
      return store().rounds().config(last.id()).compose(c -> fineTune(last.roundNo(), modelFor(registry, last.roundNo() - 1),
          Path.of(c.getJsonObject("run", new JsonObject()).getString("out", base.run().out().toString()))
              .resolve("samples.jsonl")));
    });
  }

  private Future<ModelRecord> fineTune(int round, ModelRecord parent, Path dataset) {
    Map<String, String> env = new HashMap<>();
    env.put("ASSAY_ROUND", String.valueOf(round));
    env.put("ASSAY_DATASET", dataset.toAbsolutePath().toString());
    if (simulatorUrl != null) {
      env.put("ASSAY_SIMULATOR_URL", simulatorUrl);
    }
    log.info("fine-tune hook for round {} on {}", round, dataset);
    return vertx.executeBlocking(() -> FineTuneHook.call(base.hook(), dataset, round, parent.name(), env), false)
        .compose(made -> {
          boolean simulated = made.answer().getBoolean("simulated", false) || base.model().simulated() && made.baseUrl() == null;
          ModelRecord next = new ModelRecord(made.name(), run(), parent.name(), dataset.toAbsolutePath().toString(),
              made.baseUrl() != null ? made.baseUrl() : parent.baseUrl(), simulated, round, Instant.now().toString());
          return store().models().register(next).map(next);
        });
  }

  /**
   * Runs (or resumes) the run's next round with {@code cfg}: with {@code model} when named (the
   * configured model or one registered for the run), else with the model made after the round
   * before it. Fails INVALID_INPUT for a model that is neither.
   */
  public Future<Rounds.Result> round(AssayConfig cfg, String model, Progress progress, BooleanSupplier cancelled) {
    return Future.all(store().rounds().list(), store().models().list(run())).compose(cf -> {
      List<RoundInfo> rounds = cf.resultAt(0);
      List<ModelRecord> registry = cf.resultAt(1);
      RoundInfo last = rounds.stream().filter(r -> r.run().equals(run())).reduce((a, b) -> b).orElse(null);
      int k = last == null ? 1 : last.done() ? last.roundNo() + 1 : last.roundNo();
      ModelRecord m = model != null ? named(registry, model) : modelFor(registry, k - 1);
      if (m == null) {
        return Future.failedFuture(AssayException.invalid("unknown model '" + model + "': neither the configured model '"
            + base.model().name() + "' nor one registered for run '" + run() + "' "
            + registry.stream().map(ModelRecord::name).toList()));
      }
      return restoreSimulated(m)
          .compose(v -> models.use(m.name(), m.baseUrl()))
          .compose(v -> Rounds.run(vertx, cfg.withModel(cfg.model().withName(m.name())), services, progress, cancelled));
    });
  }

  /** Whether {@code name} is the configured model or one registered for the run. */
  public Future<Boolean> knows(String name) {
    return store().models().list(run()).map(list -> named(list, name) != null);
  }

  /** Continuous mode: null while rounds should go on, else why they stop. */
  public Future<String> stopReason(long startedAtMs) {
    return store().rounds().list().map(rounds -> Budget.met(base.web(), rounds, run(), startedAtMs));
  }

  private ModelRecord named(List<ModelRecord> registry, String name) {
    if (name.equals(base.model().name())) {
      return new ModelRecord(name, run(), "", "", base.model().simulated() ? "simulated" : base.model().baseUrl(),
          base.model().simulated(), 0, "");
    }
    return registry.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
  }

  /** The model made after {@code round} (0 = the base model); the latest one before it when none. */
  private ModelRecord modelFor(List<ModelRecord> registry, int round) {
    ModelRecord best = registry.isEmpty() ? named(registry, base.model().name()) : registry.get(0);
    for (ModelRecord m : registry) {
      if (m.afterRound() <= round) {
        best = m;
      }
    }
    return best;
  }

  /** A simulated fine-tuned model lives in the simulator's memory: register it again after a restart. */
  private Future<Void> restoreSimulated(ModelRecord m) {
    if (!m.simulated() || m.dataset().isEmpty() || simulatorUrl == null) {
      return Future.succeededFuture();
    }
    String body = new JsonObject().put("name", m.name()).put("base_model", m.parent()).put("dataset", m.dataset()).encode();
    return vertx.executeBlocking(() -> {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(simulatorUrl + "/v1/simulator/finetune")).timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new AssayException(ErrorKind.UNEXPECTED_STATE, "simulator refused to restore model " + m.name() + ": " + r.body());
      }
      return (Void) null;
    }, false).recover(e -> Future.<Void>failedFuture(e instanceof AssayException ? e : new AssayException(
        ErrorKind.UNEXPECTED_STATE, "simulator unreachable restoring model " + m.name() + ": " + e.getMessage())));
  }
}

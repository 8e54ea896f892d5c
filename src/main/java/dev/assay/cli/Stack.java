package dev.assay.cli;

import dev.assay.cluster.WorkerNode;
import dev.assay.cluster.Workers;
import dev.assay.config.AssayConfig;
import dev.assay.loop.Rounds;
import dev.assay.model.ModelBusClient;
import dev.assay.model.ModelOptions;
import dev.assay.model.ModelVerticle;
import dev.assay.sandbox.SandboxClient;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxVerticle;
import dev.assay.simulator.SimulatedModelServer;
import dev.assay.simulator.SimulatorOptions;
import dev.assay.store.Store;
import dev.assay.store.StoreVerticle;
import dev.assay.verify.Verification;
import dev.assay.verify.VerifyVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;

/**
 * Deploys the loop's verticles in dependency order, in one chain, failing fast: store, simulated
 * model (when configured), model client, sandbox pool, verifiers. The model client can be
 * redeployed for another model between rounds.
 */
public final class Stack {
  public final Rounds.Services services;
  /** The endpoint the configured model is reached at (the simulator's when simulated). */
  public final String modelUrl;
  private final Vertx vertx;
  private final AssayConfig cfg;
  private String modelDeployment;
  private String modelName;
  private String currentUrl;

  private Stack(Vertx vertx, AssayConfig cfg, Rounds.Services services, String modelUrl, String modelDeployment) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.services = services;
    this.modelUrl = modelUrl;
    this.modelDeployment = modelDeployment;
    this.modelName = cfg.model().name();
    this.currentUrl = modelUrl;
  }

  public static Future<Stack> deploy(Vertx vertx, AssayConfig cfg) {
    return deploy(vertx, cfg, false);
  }

  /**
   * As above; with {@code cluster} (a coordinator on a clustered Vert.x) the verifiers are the cluster's
   * workers ({@link Workers}), and the coordinator runs a sandbox only with {@code cluster.coordinator_verifies}.
   */
  public static Future<Stack> deploy(Vertx vertx, AssayConfig cfg, boolean cluster) {
    SandboxOptions sb = sandboxOptions(cfg);
    return vertx.deployVerticle(new StoreVerticle(cfg.store().location(cfg.run().db())), StoreVerticle.options())
        .compose(id -> simulator(vertx, cfg))
        .compose(url -> vertx.deployVerticle(modelVerticle(cfg, url, cfg.model().name()))
            .compose(modelId -> (cluster ? clusterVerifiers(vertx, cfg, sb) : localVerifiers(vertx, cfg, sb))
                .map(v -> new Stack(vertx, cfg, new Rounds.Services(Store.client(vertx),
                    ModelBusClient.create(vertx, busTimeoutMs(cfg, url)), v.verification(), v.description()), url,
                    modelId))));
  }

  private record Verifiers(Verification verification, String description) {}

  private static Future<Verifiers> localVerifiers(Vertx vertx, AssayConfig cfg, SandboxOptions sb) {
    return vertx.deployVerticle(new SandboxVerticle(sb))
        .compose(id -> SandboxClient.create(vertx, 30_000).describe())
        .compose(desc -> vertx.deployVerticle(new VerifyVerticle(cfg.verify(), sb)).map(desc))
        .map(desc -> new Verifiers(Verification.client(vertx, sb.timeoutMs() * 8 + 600_000), desc));
  }

  private static Future<Verifiers> clusterVerifiers(Vertx vertx, AssayConfig cfg, SandboxOptions sb) {
    Workers workers = new Workers();
    AssayConfig.Cluster c = cfg.cluster();
    return vertx.deployVerticle(workers)
        .compose(id -> c.coordinatorVerifies() ? WorkerNode.start(vertx, cfg, sb).mapEmpty() : Future.succeededFuture())
        .map(x -> new Verifiers(workers.verification(c.retries(), c.workerWaitMs()),
            "cluster workers (" + sb.backend() + " sandbox)"));
  }

  /** The run policy over this stack: registry, model switching, fine-tune hook. */
  public dev.assay.loop.Runs runs() {
    return new dev.assay.loop.Runs(vertx, cfg, services, this::useModel, cfg.model().simulated() ? modelUrl : null);
  }

  /** Points the model client at another model (a fine-tuned one); a no-op when it is already in use. */
  public Future<Void> useModel(String name, String baseUrl) {
    String url = baseUrl == null || baseUrl.isBlank() || baseUrl.equals("simulated") ? modelUrl : baseUrl;
    if (name.equals(modelName) && url.equals(currentUrl)) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(modelDeployment)
        .compose(v -> vertx.deployVerticle(new ModelVerticle(modelOptions(url, name), maxQueued(cfg))))
        .onSuccess(id -> {
          modelDeployment = id;
          modelName = name;
          currentUrl = url;
        })
        .mapEmpty();
  }

  private static ModelVerticle modelVerticle(AssayConfig cfg, String url, String name) {
    return new ModelVerticle(modelOptions(cfg, url, name), maxQueued(cfg));
  }

  private static int maxQueued(AssayConfig cfg) {
    return Math.max(64, cfg.round().maxInFlightProblems() * 2);
  }

  /**
   * The client's options for {@code url}: it sends the simulated model the variables of each request
   * only when the URL is the simulator's ({@code model.simulated}), never to a real server.
   */
  private ModelOptions modelOptions(String url, String name) {
    return modelOptions(cfg, url, name).withSimulated(cfg.model().simulated() && url.equals(modelUrl));
  }

  static ModelOptions modelOptions(AssayConfig cfg, String url, String name) {
    AssayConfig.Model m = cfg.model();
    return new ModelOptions(url, name, m.apiKeyEnv(), m.temperature(), m.topP(), m.maxTokens(),
        m.timeoutMs(), m.maxRetries(), m.backoffBaseMs(), m.backoffMaxMs(), m.maxInFlight(), m.maxOutageMs(),
        m.simulated());
  }

  /** A request may be split into up to n exchanges (one per sample on a server that ignores n), plus queue wait. */
  private static long busTimeoutMs(AssayConfig cfg, String url) {
    return modelOptions(cfg, url, cfg.model().name()).worstCaseMs() * Math.max(1, cfg.round().samplesPerProblem())
        + 600_000;
  }

  static SandboxOptions sandboxOptions(AssayConfig cfg) {
    AssayConfig.Sandbox s = cfg.sandbox();
    int queue = Math.max(256, cfg.round().maxInFlightProblems() * cfg.round().samplesPerProblem() * 2);
    return new SandboxOptions(s.backend(), s.isolation(), s.warm(), s.poolSize(), queue, s.recycleAfter(),
        s.timeoutMs(), s.memoryMb(), s.outputCapBytes(), s.pidsLimit(), s.cpus(), "/usr/bin/python3",
        s.dockerImage(), "assay-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** Deploys the simulated model when the config says so; the URL the model is reached at either way. */
  static Future<String> simulator(Vertx vertx, AssayConfig cfg) {
    if (!cfg.model().simulated()) {
      return Future.succeededFuture(cfg.model().baseUrl());
    }
    AssayConfig.Simulator s = cfg.simulator();
    SimulatedModelServer server = new SimulatedModelServer(new SimulatorOptions(0, s.seed(), cfg.model().name(),
        s.outcomes(), s.latencyMs(), s.http5xx(), s.http429(), s.malformed(), s.truncated(), s.knowledge(),
        s.behavesLike(), s.slots(), s.requestLog(), true, s.downFile()).withAgent(new SimulatorOptions.Agent(
        s.toolUse(), s.toolCorrect(), s.toolBoost(), s.repairSuccess(), s.maxToolCalls()))
        .withReasoning(new SimulatorOptions.Reasoning(s.reasoning(), s.reasoningTokens())));
    return vertx.deployVerticle(server).map(id -> server.baseUrl());
  }
}

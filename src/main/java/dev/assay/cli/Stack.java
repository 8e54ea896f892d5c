package dev.assay.cli;

import dev.assay.config.AssayConfig;
import dev.assay.loop.Rounds;
import dev.assay.model.ModelBusClient;
import dev.assay.model.ModelOptions;
import dev.assay.model.ModelVerticle;
import dev.assay.model.SimulatedModelServer;
import dev.assay.model.SimulatorOptions;
import dev.assay.sandbox.SandboxClient;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxVerticle;
import dev.assay.store.StoreClient;
import dev.assay.store.StoreVerticle;
import dev.assay.verify.VerifierClient;
import dev.assay.verify.VerifyVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;

/**
 * Deploys the loop's verticles in dependency order, in one chain, failing fast: store, simulated
 * model (when configured), model client, sandbox pool, verifiers.
 */
record Stack(Rounds.Services services, String modelUrl) {

  static Future<Stack> deploy(Vertx vertx, AssayConfig cfg) {
    AssayConfig.Model m = cfg.model();
    SandboxOptions sb = sandboxOptions(cfg);
    return vertx.deployVerticle(new StoreVerticle(cfg.run().db()), StoreVerticle.options())
        .compose(id -> simulator(vertx, cfg))
        .compose(url -> {
          ModelOptions mo = new ModelOptions(url, m.name(), m.apiKeyEnv(), m.temperature(), m.topP(), m.maxTokens(),
              m.timeoutMs(), m.maxRetries(), m.backoffBaseMs(), m.backoffMaxMs(), m.maxInFlight());
          int queue = Math.max(64, cfg.round().maxInFlightProblems() * 2);
          return vertx.deployVerticle(new ModelVerticle(mo, queue))
              .compose(id -> vertx.deployVerticle(new SandboxVerticle(sb)))
              .compose(id -> SandboxClient.create(vertx, 30_000).describe())
              .compose(desc -> vertx.deployVerticle(new VerifyVerticle(cfg.verify(), sb)).map(desc))
              .map(desc -> new Stack(new Rounds.Services(StoreClient.create(vertx),
                  ModelBusClient.create(vertx, mo.worstCaseMs() + 600_000),
                  VerifierClient.create(vertx, sb.timeoutMs() * 4 + 600_000),
                  SandboxClient.create(vertx, sb.timeoutMs() * 4 + 600_000).asSandbox(), desc), url));
        });
  }

  static SandboxOptions sandboxOptions(AssayConfig cfg) {
    AssayConfig.Sandbox s = cfg.sandbox();
    int queue = Math.max(256, cfg.round().maxInFlightProblems() * cfg.round().samplesPerProblem() * 2);
    return new SandboxOptions(s.backend(), s.isolation(), s.warm(), s.poolSize(), queue, s.recycleAfter(),
        s.timeoutMs(), s.memoryMb(), s.outputCapBytes(), s.pidsLimit(), s.cpus(), "/usr/bin/python3",
        s.dockerImage(), "assay-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static Future<String> simulator(Vertx vertx, AssayConfig cfg) {
    if (!cfg.model().simulated()) {
      return Future.succeededFuture(cfg.model().baseUrl());
    }
    AssayConfig.Simulator s = cfg.simulator();
    SimulatedModelServer server = new SimulatedModelServer(new SimulatorOptions(0, s.seed(), cfg.model().name(),
        s.outcomes(), s.latencyMs(), s.http5xx(), s.http429(), s.malformed(), s.truncated(), s.knowledge()));
    return vertx.deployVerticle(server).map(id -> server.baseUrl());
  }
}

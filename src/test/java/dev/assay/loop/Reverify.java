package dev.assay.loop;

import dev.assay.config.ConfigLoader;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxVerticle;
import dev.assay.verify.Verdict;
import dev.assay.verify.Verification;
import dev.assay.verify.VerifyVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Verifies exported lines again outside the round that kept them, with a fresh sandbox and the
 * verifiers of {@code config}: each line's last message is checked against the problem in its meta.
 */
final class Reverify {
  private Reverify() {}

  static List<Verdict> exported(Path config, List<String> lines) throws Exception {
    var verify = ConfigLoader.load(config).verify();
    Vertx vertx = Vertx.vertx();
    try {
      SandboxOptions sb = SandboxOptions.defaults();
      vertx.deployVerticle(new SandboxVerticle(sb))
          .compose(id -> vertx.deployVerticle(new VerifyVerticle(verify, sb)))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      Verification verifier = Verification.client(vertx, 120_000);
      List<Future<Verdict>> all = new ArrayList<>();
      for (String line : lines) {
        JsonObject j = new JsonObject(line);
        JsonObject meta = j.getJsonObject("meta");
        Problem problem = new Problem(meta.getString("problem_id"), Domain.parse(meta.getString("domain")),
            meta.getString("origin"), meta.getString("parent_id"), meta.getString("source_id"), meta.getJsonObject("problem"));
        JsonArray messages = j.getJsonArray("messages");
        all.add(verifier.sample(SolveStage.check(problem, messages.getJsonObject(messages.size() - 1).getString("content"),
            "boxed")));
      }
      List<Verdict> verdicts = new ArrayList<>();
      for (Future<Verdict> f : all) {
        verdicts.add(f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS));
      }
      return verdicts;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}

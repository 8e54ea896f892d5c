package dev.assay.verify;

import dev.assay.config.AssayConfig;
import dev.assay.sandbox.SandboxClient;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.verify.code.AzProblem;
import dev.assay.verify.code.AzTasks;
import dev.assay.verify.code.CodeTask;
import dev.assay.verify.code.CodeVerifier;
import dev.assay.verify.math.MathCheck;
import dev.assay.verify.math.MathChecker;
import dev.assay.verify.math.MathOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifiers: consumes {@code assay.verify.check} ({@code {"problem":..., "completion":...}})
 * and replies with a {@link Verdict}. Math is checked on a worker thread; code runs in the
 * sandbox pool through its event-bus client. Use {@link VerifierClient}.
 */
public class VerifyVerticle extends VerticleBase {
  static final String ADDRESS = "assay.verify.check";
  private static final Logger log = LoggerFactory.getLogger(VerifyVerticle.class);
  private final AssayConfig.Verify options;
  private final SandboxOptions sandbox;
  private MathChecker math;
  private CodeVerifier code;
  private AzTasks reasoning;
  private MessageConsumer<JsonObject> consumer;

  public VerifyVerticle(AssayConfig.Verify options, SandboxOptions sandbox) {
    this.options = options;
    this.sandbox = sandbox;
  }

  @Override
  public Future<?> start() {
    math = MathChecker.create();
    SandboxClient client = SandboxClient.create(vertx, sandbox.timeoutMs() * 4 + 600_000);
    code = new CodeVerifier(client.asSandbox(), sandbox.timeoutMs(), sandbox.memoryMb());
    reasoning = new AzTasks(client.asSandbox(), code);
    consumer = vertx.eventBus().consumer(ADDRESS, this::check);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }

  private void check(Message<JsonObject> m) {
    Problem p = Problem.fromJson(m.body().getJsonObject("problem"));
    String completion = m.body().getString("completion", "");
    Future<Verdict> f = p.domain() == Domain.MATH ? checkMath(p, completion) : checkCode(p, completion);
    f.onSuccess(v -> m.reply(v.toJson()))
        .onFailure(e -> {
          log.warn("verification infrastructure failed problem={}: {}", p.id(), e.getMessage());
          m.fail(500, String.valueOf(e.getMessage()));
        });
  }

  private Future<Verdict> checkMath(Problem p, String completion) {
    MathOptions mo = new MathOptions(dev.assay.verify.math.MatchMode.AUTO, options.mathPrecision(), true, false,
        options.mathTimeoutMs());
    return vertx.executeBlocking(() -> {
      long t0 = System.nanoTime();
      MathCheck c = math.check(p.answer(), completion, mo);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new Verdict(MathVerdicts.reason(c.reason()), MathVerdicts.detail(c), MathChecker.VERSION, ms);
    }, false);
  }

  private Future<Verdict> checkCode(Problem p, String completion) {
    if ("az".equals(p.body().getString("format"))) {
      AzProblem az = AzProblem.fromJson(p.body().getJsonObject("az"));
      String answer = az.type().equals("induction") ? CodeBlocks.extract(completion) : CodeBlocks.boxed(completion);
      return answer.isBlank()
          ? Future.succeededFuture(new Verdict(VerdictReason.NO_ANSWER, "no answer in the completion", AzTasks.VERSION, 0))
          : reasoning.check(az, answer);
    }
    String candidate = CodeBlocks.extract(completion);
    if (candidate.isBlank()) {
      return Future.succeededFuture(new Verdict(VerdictReason.NO_ANSWER, "no code in the completion", CodeVerifier.VERSION, 0));
    }
    CodeTask task = CodeTask.fromJson(p.body().copy().put("task_id", p.id()), p.body().getString("format", "seed"));
    return code.verify(task, candidate).map(cv -> cv.verdict());
  }
}

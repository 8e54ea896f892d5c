package dev.assay.model;

import dev.assay.AssayException;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated OpenAI-compatible model on 127.0.0.1: {@code POST /v1/chat/completions},
 * {@code GET /v1/models} and {@code POST /v1/simulator/finetune} (body {@code {"name",
 * "base_model", "dataset"}}: registers a simulated fine-tune whose skill comes from the SFT
 * JSONL at {@code dataset}, see {@link SimFineTunes}; 400 for a bad body or unreadable dataset).
 * A request whose {@code model} names a registered fine-tune is answered with its skill and
 * name; any other name is answered by the base model. Answers are deterministic (see {@link SimBrain}); faults (5xx, 429,
 * malformed or truncated bodies) are drawn per request from a separate RNG so they never change
 * content. Every response carries {@code X-Assay-Simulated: true} and
 * {@code system_fingerprint: "assay-simulated"}.
 */
public class SimulatedModelServer extends VerticleBase {
  public static final String SIMULATED_HEADER = "X-Assay-Simulated";
  public static final String FINGERPRINT = "assay-simulated";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedModelServer.class);
  private static final int MAX_N = 128;

  private final SimulatorOptions options;
  private final SplittableRandom faults;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger peakConcurrent = new AtomicInteger();
  private final SimFineTunes fineTunes = new SimFineTunes();
  private volatile String lastAuthorization;
  private SimBrain brain;
  private HttpServer server;

  public SimulatedModelServer(SimulatorOptions options) {
    this.options = options;
    this.faults = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response().putHeader(SIMULATED_HEADER, "true");
      ctx.next();
    });
    router.get("/v1/models").handler(this::models);
    router.post("/v1/chat/completions").handler(BodyHandler.create().setBodyLimit(8 * 1024 * 1024));
    router.post("/v1/chat/completions").handler(this::completions);
    router.post("/v1/simulator/finetune").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.post("/v1/simulator/finetune").handler(this::finetune);
    return vertx.executeBlocking(() -> Knowledge.load(options.knowledge()))
        .compose(k -> {
          brain = new SimBrain(options.seed(), options.outcomes(), k);
          return vertx.createHttpServer().requestHandler(router).listen(options.port(), "127.0.0.1");
        })
        .onSuccess(s -> {
          server = s;
          LOG.info("simulated model server (not a real model) model={} port={} seed={}",
              options.modelName(), s.actualPort(), options.seed());
        });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** {@code http://127.0.0.1:<port>}, for {@link ModelOptions#baseUrl()}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + actualPort();
  }

  /** Chat-completion requests received so far, faults included. */
  public int requestCount() {
    return requests.get();
  }

  /** Highest number of chat-completion requests open at once. */
  public int peakConcurrent() {
    return peakConcurrent.get();
  }

  /** The Authorization header of the latest request, null if it had none (tests only). */
  String lastAuthorization() {
    return lastAuthorization;
  }

  private void models(RoutingContext ctx) {
    JsonObject model = new JsonObject().put("id", options.modelName()).put("object", "model")
        .put("created", 1_700_000_000L).put("owned_by", FINGERPRINT);
    JsonArray data = new JsonArray().add(model);
    for (SimFineTunes.Model m : fineTunes.all()) {
      data.add(new JsonObject().put("id", m.name()).put("object", "model").put("created", 1_700_000_000L)
          .put("owned_by", FINGERPRINT).put("parent", m.baseModel()).put("simulated", true)
          .put("dataset", m.dataset()));
    }
    json(ctx.response(), 200, new JsonObject().put("object", "list").put("data", data));
  }

  private void finetune(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    String name = body != null && body.getValue("name") instanceof String n && !n.isBlank() ? n.trim() : null;
    String dataset = body != null && body.getValue("dataset") instanceof String d && !d.isBlank() ? d : null;
    Object base = body == null ? null : body.getValue("base_model");
    if (name == null || dataset == null || (base != null && !(base instanceof String))
        || name.equals(options.modelName())) {
      error(ctx.response(), 400, "invalid_request_error", "finetune needs a string name (not the base"
          + " model's), a string dataset path and optionally a string base_model");
      return;
    }
    String baseModel = base == null || ((String) base).isBlank() ? options.modelName() : (String) base;
    vertx.executeBlocking(() -> fineTunes.register(name, baseModel, Path.of(dataset)))
        .onSuccess(m -> {
          LOG.info("simulated fine-tune (not a real model) model={} base={} problems={} samples={} boost={}",
              m.name(), m.baseModel(), m.problems(), m.samples(), m.skill().boost());
          json(ctx.response(), 200, SimFineTunes.describe(m, brain));
        })
        .onFailure(e -> error(ctx.response(), e instanceof AssayException ? 400 : 500,
            e instanceof AssayException ? "invalid_request_error" : "server_error", e.getMessage()));
  }

  private void completions(RoutingContext ctx) {
    requests.incrementAndGet();
    lastAuthorization = ctx.request().getHeader("Authorization");
    int now = concurrent.incrementAndGet();
    peakConcurrent.accumulateAndGet(now, Math::max);
    ctx.addEndHandler(v -> concurrent.decrementAndGet());
    double fault = faults.nextDouble();
    long retryAfter = faults.nextInt(2);
    if (options.latencyMs() > 0) {
      vertx.setTimer(options.latencyMs(), t -> answer(ctx, fault, retryAfter));
    } else {
      answer(ctx, fault, retryAfter);
    }
  }

  private void answer(RoutingContext ctx, double fault, long retryAfter) {
    HttpServerResponse response = ctx.response();
    double f = fault;
    if ((f -= options.fault5xx()) < 0) {
      error(response, 503, "server_error", "simulated overload");
      return;
    }
    if ((f -= options.fault429()) < 0) {
      response.putHeader("Retry-After", Long.toString(retryAfter));
      error(response, 429, "rate_limit_exceeded", "simulated rate limit");
      return;
    }
    if ((f -= options.faultMalformed()) < 0) {
      response.setStatusCode(200).putHeader("Content-Type", "text/html").end("<html><body>simulated proxy page</body></html>");
      return;
    }
    JsonObject request;
    try {
      request = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      request = null;
    }
    String invalid = SimCompletion.invalid(request, MAX_N);
    if (invalid != null) {
      error(response, 400, "invalid_request_error", invalid);
      return;
    }
    String model = request.getValue("model") instanceof String m ? m : null;
    boolean tuned = fineTunes.isRegistered(model);
    JsonObject body = SimCompletion.build(brain, options.seed(), request, fineTunes.skill(model),
        tuned ? model : options.modelName());
    if ((f -= options.faultTruncated()) < 0) {
      String text = body.encode();
      response.setStatusCode(200).putHeader("Content-Type", "application/json").end(text.substring(0, text.length() / 2));
      return;
    }
    json(response, 200, body);
  }

  private static void error(HttpServerResponse response, int status, String type, String message) {
    json(response, status, new JsonObject().put("error",
        new JsonObject().put("message", message).put("type", type).put("code", status)));
  }

  private static void json(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}

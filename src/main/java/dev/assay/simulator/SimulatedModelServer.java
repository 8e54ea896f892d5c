package dev.assay.simulator;

import dev.assay.AssayException;
import dev.assay.model.AssayHeaders;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated OpenAI-compatible model on 127.0.0.1. It knows what each request is from the
 * {@code X-Assay-Task} and {@code X-Assay-Vars} headers the Assay client sends it, never from the
 * wording of the messages (see {@link SimBrain}); a request without them gets a generic answer.
 * Routes:
 * <ul>
 *   <li>{@code POST /v1/chat/completions}, {@code GET /v1/models}: as the server named by
 *       {@code behavesLike} answers them ({@link Behaviour}: n limits, usage, unknown fields).</li>
 *   <li>{@code POST /tokenize}: where the imitated server has one (vLLM, llama.cpp), in its shape.</li>
 *   <li>{@code GET /metrics} (Prometheus text with llama.cpp's {@code tokens_predicted_total}) and
 *       {@code GET /v1/simulator/stats} (JSON): the tokens it generated, per task too.</li>
 *   <li>{@code POST /v1/simulator/finetune} {@code {"name","base_model","dataset"}}: registers a
 *       simulated fine-tune whose skill comes from an SFT JSONL ({@link SimFineTunes}).</li>
 *   <li>{@code POST /v1/simulator/faults} {@code {"down": true|false}} or {@code {"down_for_ms": N}}:
 *       while down every model request fails (connection closed or HTTP 503).</li>
 * </ul>
 * In agentic solving ({@code agent} in the vars) it calls the offered python tool, answers from the
 * tool's output and repairs after feedback as {@link SimAgent} says; it checks that tool messages
 * answer the tool calls before them, as OpenAI does.
 * Answers are deterministic; random faults (5xx, 429, malformed or truncated bodies) are drawn per
 * request from a separate RNG so they never change content. Every response carries
 * {@code X-Assay-Simulated: true}, every completion {@code system_fingerprint: "assay-simulated"}.
 */
public class SimulatedModelServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedModelServer.class);
  /** Large enough for any problem's variables in {@code X-Assay-Vars}. */
  static final int MAX_HEADER_BYTES = 1 << 20;
  /** How often the down file's existence is checked. */
  public static final long DOWN_FILE_POLL_MS = 100;

  private final SimulatorOptions options;
  private final SimFaults faults;
  private final SimMetrics metrics = new SimMetrics();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger peakConcurrent = new AtomicInteger();
  private final SimFineTunes fineTunes = new SimFineTunes();
  private volatile String lastAuthorization;
  private SimRequestLog log;
  private SimBrain brain;
  private HttpServer server;

  public SimulatedModelServer(SimulatorOptions options) {
    this.options = options;
    this.faults = new SimFaults(options.seed());
  }

  @Override
  public Future<?> start() {
    log = new SimRequestLog(vertx, options.requestLog());
    return vertx.executeBlocking(() -> Knowledge.load(options.knowledge()))
        .compose(k -> {
          brain = new SimBrain(options.seed(), options.outcomes(), k);
          return log.open();
        })
        .compose(v -> watchDownFile())
        .compose(v -> vertx.createHttpServer(new HttpServerOptions().setMaxHeaderSize(MAX_HEADER_BYTES))
            .requestHandler(router()).listen(options.port(), "127.0.0.1"))
        .onSuccess(s -> {
          server = s;
          LOG.info("simulated model server (not a real model) model={} port={} seed={} behaves_like={}",
              options.modelName(), s.actualPort(), options.seed(), options.behavesLike());
        });
  }

  /** Follows the down file (when configured): checked now, then every {@value #DOWN_FILE_POLL_MS} ms. */
  private Future<Void> watchDownFile() {
    if (options.downFile() == null) {
      return Future.succeededFuture();
    }
    String file = options.downFile().toString();
    vertx.setPeriodic(DOWN_FILE_POLL_MS, id -> vertx.fileSystem().exists(file).onSuccess(this::fileDown));
    return vertx.fileSystem().exists(file).onSuccess(this::fileDown).mapEmpty();
  }

  private void fileDown(boolean exists) {
    if (faults.fileDown(exists)) {
      LOG.info("simulated model {}: {} {}", exists ? "down" : "up", options.downFile(), exists ? "exists" : "is gone");
    }
  }

  private Router router() {
    SimChat chat = new SimChat(vertx, options, brain, fineTunes, faults, metrics, log);
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response().putHeader(AssayHeaders.SIMULATED, "true");
      ctx.next();
    });
    router.get("/v1/models").handler(this::models);
    router.post("/v1/chat/completions").handler(BodyHandler.create().setBodyLimit(8 * 1024 * 1024));
    router.post("/v1/chat/completions").handler(this::track).handler(chat::handle);
    if (options.tokenize() && options.behaviour().tokenizes()) {
      router.post("/tokenize").handler(BodyHandler.create().setBodyLimit(8 * 1024 * 1024)).handler(this::tokenize);
    }
    router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4")
        .end(metrics.prometheus()));
    router.get("/v1/simulator/stats").handler(ctx -> json(ctx.response(), 200, metrics.json()));
    router.post("/v1/simulator/finetune").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.post("/v1/simulator/finetune").handler(this::finetune);
    router.post("/v1/simulator/faults").handler(BodyHandler.create().setBodyLimit(1024)).handler(this::faultSwitch);
    return router;
  }

  @Override
  public Future<?> stop() {
    return (server == null ? Future.succeededFuture() : server.close()).eventually(() -> log.close());
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** {@code http://127.0.0.1:<port>}, the base URL of the client's options. */
  public String baseUrl() {
    return "http://127.0.0.1:" + actualPort();
  }

  /** Chat-completion requests received so far, faults included. */
  public int requestCount() {
    return (int) metrics.requests();
  }

  /** Completion tokens generated so far for tasks starting with {@code taskPrefix} ("" = all). */
  public long tokensPredicted(String taskPrefix) {
    return metrics.predicted(taskPrefix);
  }

  /** Highest number of chat-completion requests open at once. */
  public int peakConcurrent() {
    return peakConcurrent.get();
  }

  /** The Authorization header of the latest chat request, null if it had none (tests only). */
  public String lastAuthorization() {
    return lastAuthorization;
  }

  /** The fault switch, as {@code POST /v1/simulator/faults} sets it: down = every model request fails. */
  public void down(boolean down) {
    faults.down(down);
  }

  /** Down for {@code ms} from now, then up again. */
  public void downFor(long ms) {
    faults.downFor(ms);
  }

  private void track(RoutingContext ctx) {
    lastAuthorization = ctx.request().getHeader("Authorization");
    int now = concurrent.incrementAndGet();
    peakConcurrent.accumulateAndGet(now, Math::max);
    ctx.addEndHandler(v -> concurrent.decrementAndGet());
    ctx.next();
  }

  private void models(RoutingContext ctx) {
    if (faults.down()) {
      error(ctx.response(), 503, "server_error", "simulated outage (fault switch down)");
      return;
    }
    JsonObject model = new JsonObject().put("id", options.modelName()).put("object", "model")
        .put("created", 1_700_000_000L).put("owned_by", AssayHeaders.FINGERPRINT);
    JsonArray data = new JsonArray().add(model);
    for (SimFineTunes.Model m : fineTunes.all()) {
      data.add(new JsonObject().put("id", m.name()).put("object", "model").put("created", 1_700_000_000L)
          .put("owned_by", AssayHeaders.FINGERPRINT).put("parent", m.baseModel()).put("simulated", true)
          .put("dataset", m.dataset()));
    }
    json(ctx.response(), 200, new JsonObject().put("object", "list").put("data", data));
  }

  private void tokenize(RoutingContext ctx) {
    JsonObject body = object(ctx);
    JsonObject reply = faults.down() || body == null ? null : options.behaviour().tokenize(body);
    if (reply == null) {
      error(ctx.response(), faults.down() ? 503 : 400, "invalid_request_error", "tokenize needs a JSON body with"
          + (options.behaviour() == Behaviour.VLLM ? " a string prompt" : " a string content"));
      return;
    }
    json(ctx.response(), 200, reply);
  }

  private void faultSwitch(RoutingContext ctx) {
    if (!faults.apply(object(ctx))) {
      error(ctx.response(), 400, "invalid_request_error", "faults takes {\"down\": true|false} or {\"down_for_ms\": N}");
      return;
    }
    LOG.info("simulated model fault switch: {}", faults.state().encode());
    json(ctx.response(), 200, faults.state());
  }

  private void finetune(RoutingContext ctx) {
    JsonObject body = object(ctx);
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

  private static JsonObject object(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  static void error(HttpServerResponse response, int status, String type, String message) {
    json(response, status, new JsonObject().put("error",
        new JsonObject().put("code", status).put("message", message).put("type", type)));
  }

  static void json(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}

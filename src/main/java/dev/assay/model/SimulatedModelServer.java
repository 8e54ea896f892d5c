package dev.assay.model;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated OpenAI-compatible model on 127.0.0.1: {@code POST /v1/chat/completions} and
 * {@code GET /v1/models}. Answers are deterministic (see {@link SimBrain}); faults (5xx, 429,
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
    json(ctx.response(), 200, new JsonObject().put("object", "list").put("data", new JsonArray().add(model)));
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
    JsonObject body = SimCompletion.build(brain, options, request);
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

  /** Builds and validates chat.completion bodies. */
  static final class SimCompletion {
    private SimCompletion() {}

    static String invalid(JsonObject request, int maxN) {
      if (request == null) {
        return "body must be a JSON object";
      }
      if (!(request.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
        return "messages must be a non-empty array";
      }
      for (Object m : messages) {
        if (!(m instanceof JsonObject o) || !(o.getValue("role") instanceof String)
            || !(o.getValue("content") instanceof String)) {
          return "every message needs a string role and content";
        }
      }
      Object n = request.getValue("n", 1);
      if (!(n instanceof Number num) || num.intValue() < 1 || num.intValue() > maxN) {
        return "n must be an integer from 1 to " + maxN;
      }
      Object seed = request.getValue("seed");
      return seed == null || seed instanceof Number ? null : "seed must be an integer";
    }

    static JsonObject build(SimBrain brain, SimulatorOptions options, JsonObject request) {
      List<ChatMessage> messages = ChatJson.messages(request.getJsonArray("messages"));
      int n = request.getInteger("n", 1);
      Long seed = request.getValue("seed") instanceof Number s ? s.longValue() : null;
      int promptChars = 0;
      for (ChatMessage m : messages) {
        promptChars += m.content().length();
      }
      JsonArray choices = new JsonArray();
      List<String> texts = new ArrayList<>();
      int completionTokens = 0;
      for (int i = 0; i < n; i++) {
        String text = brain.reply(messages, seed, i);
        texts.add(text);
        completionTokens += tokens(text.length());
        choices.add(new JsonObject().put("index", i)
            .put("message", new JsonObject().put("role", "assistant").put("content", text))
            .put("finish_reason", "stop").putNull("logprobs"));
      }
      long id = SimRandom.hash(options.seed(), seed, messages, n);
      int promptTokens = tokens(promptChars);
      return new JsonObject()
          .put("id", "chatcmpl-sim-" + Long.toHexString(id))
          .put("object", "chat.completion")
          .put("created", 1_700_000_000L + Math.floorMod(id, 100_000_000L))
          .put("model", options.modelName())
          .put("system_fingerprint", FINGERPRINT)
          .put("choices", choices)
          .put("usage", new JsonObject().put("prompt_tokens", promptTokens)
              .put("completion_tokens", completionTokens)
              .put("total_tokens", promptTokens + completionTokens));
    }

    private static int tokens(int chars) {
      return (chars + 3) / 4;
    }
  }
}

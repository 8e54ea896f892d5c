package dev.assay.model;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What an endpoint does, found by asking it ({@code assay doctor --config FILE}): the models it
 * lists, one tiny request, whether {@code n} works and where its limit is, whether {@code seed} is
 * accepted and reproduces, whether usage counts every choice, whether a tokenize route answers, and
 * what the client then learns (its n limit, exact or estimated per-choice tokens). Each probe asks
 * for at most 48 tokens per choice. Never fails: a probe that goes wrong is a fact.
 */
public final class EndpointDoctor {
  /** One finding, {@code ok} false when it is a problem for Assay. */
  public record Fact(String name, String text, boolean ok) {}

  /** All findings; {@code answers} is whether a chat request got a completion. */
  public record Report(String endpoint, boolean answers, List<Fact> facts) {}

  private static final String PROMPT = "Reply with one short sentence about the sea.";
  private static final RequestOptions SMALL = new RequestOptions(48, 1.0, null, List.of(), new JsonObject());

  /** One raw answer: {@code status} -1 when nothing answered. */
  private record Reply(int status, String error, List<String> texts, int usage, boolean usageReported) {
    boolean ok() {
      return status / 100 == 2 && texts != null;
    }
  }

  private final Vertx vertx;
  private final ModelOptions options;
  private final Function<String, String> env;
  private final WebClient web;
  private final String authorization;
  private final List<Fact> facts = new ArrayList<>();

  private EndpointDoctor(Vertx vertx, ModelOptions options, Function<String, String> env) {
    this.vertx = vertx;
    this.options = options.withTimeoutMs(Math.min(options.timeoutMs(), 60_000)).withMaxOutageMs(0).withRetries(0, 1, 1);
    this.env = env;
    this.web = WebClient.create(vertx);
    String key = options.apiKeyEnv() == null || options.apiKeyEnv().isBlank() ? null : env.apply(options.apiKeyEnv());
    this.authorization = key == null || key.isBlank() ? null : "Bearer " + key.strip();
  }

  /** Probes {@code options.baseUrl()}; {@code env} looks up the API key variable. */
  public static Future<Report> probe(Vertx vertx, ModelOptions options, Function<String, String> env) {
    return new EndpointDoctor(vertx, options, env).run();
  }

  private Future<Report> run() {
    return models().compose(v -> ask(1, null)).compose(first -> {
      if (!first.ok()) {
        fact("chat", "POST /v1/chat/completions failed: " + first.error(), false);
        return Future.succeededFuture(false);
      }
      fact("chat", "a tiny request answered (usage: " + (first.usageReported() ? first.usage() + " completion tokens"
          : "none reported") + ")", true);
      return multi().compose(this::seed).map(true);
    }).map(answers -> new Report(options.baseUrl(), answers, List.copyOf(facts))).eventually(() -> {
      web.close();
      return Future.succeededFuture();
    });
  }

  private Future<Void> models() {
    HttpRequest<Buffer> get = web.getAbs(options.baseUrl() + "/v1/models").timeout(options.timeoutMs());
    authorize(get);
    return get.send().transform(ar -> {
      if (ar.failed() || ar.result().statusCode() / 100 != 2) {
        fact("models", "GET /v1/models: " + (ar.failed() ? "no answer (" + ar.cause().getMessage() + ")"
            : "HTTP " + ar.result().statusCode()), false);
        return Future.succeededFuture();
      }
      List<String> ids = new ArrayList<>();
      try {
        ar.result().bodyAsJsonObject().getJsonArray("data", new JsonArray())
            .forEach(m -> ids.add(m instanceof JsonObject o ? o.getString("id") : String.valueOf(m)));
      } catch (RuntimeException e) {
        // not the OpenAI list shape: listed as none
      }
      boolean listed = ids.contains(options.model());
      fact("models", ids + "; the configured '" + options.model() + "' is " + (listed ? "listed" : "NOT listed"), listed);
      return Future.succeededFuture();
    });
  }

  /** n=2, then n=8 when 2 works; usage compared with per-choice counts; then what the client learns. */
  private Future<Void> multi() {
    return ask(2, 1L).compose(two -> {
      if (!two.ok()) {
        fact("n", "n=2 refused: " + two.error(), false);
        return tokenize(null);
      }
      if (two.texts().size() < 2) {
        fact("n", "n ignored: " + two.texts().size() + " choice for n=2 (the client asks again for the rest)", true);
        return tokenize(null);
      }
      fact("n", "n=2 gives 2 choices", true);
      return ask(8, 1L).compose(eight -> {
        int limit = !eight.ok() ? EndpointShape.limitFrom(eight.error(), 8) : eight.texts().size() < 8 ? eight.texts().size() : 0;
        fact("n limit", limit == 0 ? "n=8 gives 8 choices (no limit met)" : limit > 0
            ? "n=8 refused or cut short; limit learned: " + limit + " per request (" + (eight.ok() ? eight.texts().size()
                + " choices" : eight.error()) + ")" : "n=8 failed: " + eight.error(), limit >= 0);
        return tokenize(eight.ok() && eight.texts().size() > 2 ? eight : two);
      });
    }).compose(v -> client());
  }

  private Future<Void> tokenize(Reply multi) {
    TokenCounter tc = new TokenCounter(web, options.baseUrl(), options.model(), authorization, options.timeoutMs());
    return tc.probe().compose(usable -> {
      fact("tokenize", usable ? "POST /tokenize answers: per-choice completion tokens are counted exactly"
          : "no tokenize route", true);
      if (multi == null || !multi.usageReported()) {
        return Future.succeededFuture();
      }
      if (!usable) {
        boolean zero = TokenAccounting.countsChoiceZeroOnly(multi.usage(), multi.texts());
        fact("usage", zero ? "counts choice 0 only (by size): the client will ask one choice per request"
            : "cannot be split per choice without a tokenize route: per-choice tokens for n>1 are marked estimated", true);
        return Future.succeededFuture();
      }
      List<Future<Integer>> counts = new ArrayList<>();
      multi.texts().forEach(t -> counts.add(tc.count(t)));
      return Future.all(counts).map(cf -> {
        int sum = counts.stream().mapToInt(Future::result).sum();
        int first = counts.get(0).result();
        fact("usage", multi.usage() == sum ? "sums every choice (" + sum + " tokens for " + counts.size() + " choices)"
            : multi.usage() == first ? "counts choice 0 only (" + first + " of " + sum + " tokens for " + counts.size()
                + " choices)" : "reports " + multi.usage() + " for choices of " + sum + " tokens in all", true);
        return (Void) null;
      }).otherwiseEmpty();
    });
  }

  private Future<Void> seed(Void unused) {
    return ask(1, 7L).compose(a -> ask(1, 7L).map(b -> {
      if (!a.ok() || !b.ok()) {
        fact("seed", "refused: " + (a.ok() ? b.error() : a.error()), false);
      } else {
        fact("seed", "accepted; the same seed gave " + (a.texts().equals(b.texts()) ? "the same text (reproducible)"
            : "different texts (not reproducible)"), true);
      }
      return null;
    }));
  }

  /** The client's own request for 8 choices: what it learns from this endpoint. */
  private Future<Void> client() {
    HttpModelClient c = new HttpModelClient(vertx, options.withRetries(2, 100, 1_000), env, 4);
    ChatRequest r = new ChatRequest(List.of(ChatMessage.user(PROMPT)), 8, 11L, "doctor", null, SMALL);
    return c.complete(r).transform(ar -> {
      c.close();
      if (ar.failed()) {
        fact("client", "a request for 8 choices failed: " + ar.cause().getMessage(), false);
      } else {
        int limit = EndpointShape.of(vertx, options.baseUrl()).limit();
        fact("client", "8 choices for n=8 in " + ar.result().attempts() + " request(s); n limit: "
            + (limit == Integer.MAX_VALUE ? "none met" : limit) + "; per-choice tokens "
            + (ar.result().tokensEstimated() ? "ESTIMATED" : "exact"), true);
      }
      return Future.succeededFuture();
    });
  }

  private Future<Reply> ask(int n, Long seed) {
    ChatRequest r = new ChatRequest(List.of(ChatMessage.user(PROMPT)), n, seed, "doctor", null, SMALL);
    HttpRequest<Buffer> post = web.postAbs(options.baseUrl() + "/v1/chat/completions").timeout(options.timeoutMs())
        .putHeader(AssayHeaders.TASK, "doctor");
    authorize(post);
    return post.sendJsonObject(ChatJson.wireRequest(options, r)).timeout(options.timeoutMs(), TimeUnit.MILLISECONDS)
        .transform(ar -> Future.succeededFuture(reply(ar.failed() ? null : ar.result(), ar.cause())));
  }

  private Reply reply(HttpResponse<Buffer> r, Throwable failure) {
    if (r == null) {
      return new Reply(-1, "no answer (" + failure.getMessage() + ")", null, 0, false);
    }
    if (r.statusCode() / 100 != 2) {
      return new Reply(r.statusCode(), "HTTP " + r.statusCode() + ": " + ChatJson.excerpt(r.body()), null, 0, false);
    }
    try {
      ChatJson.Wire w = ChatJson.parseWire(r.body(), options.model(), false);
      return new Reply(r.statusCode(), null, w.choices(), w.usage().completionTokens(), w.usageReported());
    } catch (ChatJson.BadBody bad) {
      return new Reply(r.statusCode(), "not a chat completion: " + bad.getMessage(), null, 0, false);
    }
  }

  private void authorize(HttpRequest<Buffer> r) {
    if (authorization != null) {
      r.putHeader("Authorization", authorization);
    }
  }

  private void fact(String name, String text, boolean ok) {
    facts.add(new Fact(name, text, ok));
  }
}

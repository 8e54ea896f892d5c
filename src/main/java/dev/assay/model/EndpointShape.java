package dev.assay.model;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client learned about one endpoint, kept for the rest of the process (one Vert.x
 * instance, in its local shared data) and shared by every client of that base URL: the largest
 * {@code n} it takes, whether its usage counts choice 0 only, and whether it has a tokenize route
 * (probed once). Learned from:
 * <ul>
 *   <li>an HTTP 400 whose body names {@code n} (llama.cpp: {@code Field 'n': Value must be between
 *       1 <= value <= 4, but got 8}; OpenAI: {@code Invalid 'n': ... <= 128}): the limit it states,
 *       else half the n asked;</li>
 *   <li>an answer with fewer choices than asked (Ollama ignores n): the number it gave;</li>
 *   <li>usage counting choice 0 only ({@link TokenAccounting}): limit 1.</li>
 * </ul>
 * Each new limit is logged once.
 */
final class EndpointShape implements Shareable {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointShape.class);
  private static final String MAP = "assay.model.endpoints";
  private static final Pattern NAMES_N = Pattern.compile(
      "(?i)['\"`\\\\]n['\"`\\\\]|\\bn\\s+(must|should|is|cannot|exceeds)\\b|\\bn\\s*(<=|>=|<|>)");
  private static final Pattern[] LIMITS = {
      Pattern.compile("<=\\s*(?:value\\s*<=\\s*)?(\\d+)"),
      Pattern.compile("(?i)at most\\s+(\\d+)"),
      Pattern.compile("(?i)between\\s+\\d+\\s+and\\s+(\\d+)"),
      Pattern.compile("(?i)maximum(?: value)?(?: of| is)?\\s+(\\d+)")};

  private final String baseUrl;
  private int limit = Integer.MAX_VALUE;
  private boolean choiceZeroOnly;
  private Future<Boolean> tokenizes;

  private EndpointShape(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  static EndpointShape of(Vertx vertx, String baseUrl) {
    return vertx.sharedData().<String, EndpointShape>getLocalMap(MAP).computeIfAbsent(baseUrl, EndpointShape::new);
  }

  /** The largest n to ask for in one request. */
  synchronized int limit() {
    return limit;
  }

  /** Lowers the limit to {@code n} (at least 1); false when it was already that low. */
  synchronized boolean limitTo(int n, String why) {
    int next = Math.max(1, n);
    if (next >= limit) {
      return false;
    }
    limit = next;
    LOG.warn("model server {} takes at most n={} per request ({}); larger requests are split for the rest"
        + " of this run", baseUrl, next, why);
    return true;
  }

  synchronized boolean choiceZeroOnly() {
    return choiceZeroOnly;
  }

  /** From now on one choice per request (usage counts choice 0 only). */
  synchronized void markChoiceZeroOnly(String why) {
    if (!choiceZeroOnly) {
      choiceZeroOnly = true;
      LOG.warn("model server {} reports usage for choice 0 only when n > 1 ({}): asking one choice per request"
          + " so every sample's token count is the server's own", baseUrl, why);
    }
    limitTo(1, "usage counts choice 0 only");
  }

  /** Whether the endpoint has a usable tokenize route, probed on first use. */
  synchronized Future<Boolean> tokenizes(Supplier<Future<Boolean>> probe) {
    if (tokenizes == null) {
      tokenizes = probe.get();
    }
    return tokenizes;
  }

  /**
   * The n limit a 400 body states for a request of {@code asked} choices: the number it names when
   * below {@code asked}, else {@code asked / 2}; -1 when the body does not name {@code n}.
   */
  static int limitFrom(String body, int asked) {
    if (body == null || asked <= 1 || !NAMES_N.matcher(body).find()) {
      return -1;
    }
    for (Pattern p : LIMITS) {
      Matcher m = p.matcher(body);
      if (m.find()) {
        try {
          int stated = Integer.parseInt(m.group(1));
          if (stated >= 1 && stated < asked) {
            return stated;
          }
        } catch (NumberFormatException tooLong) {
          // not a limit
        }
      }
    }
    return Math.max(1, asked / 2);
  }
}

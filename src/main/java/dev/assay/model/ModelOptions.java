package dev.assay.model;

import dev.assay.AssayException;

/**
 * How to reach and sample an OpenAI-compatible chat-completions endpoint.
 *
 * @param baseUrl server root without {@code /v1}, e.g. {@code http://127.0.0.1:8000}
 * @param model model name sent in every request
 * @param apiKeyEnv name of the environment variable holding the API key; null or blank = none.
 *     The key is sent as {@code Authorization: Bearer <key>} only when the variable is set.
 * @param temperature sampling temperature
 * @param topP nucleus sampling
 * @param maxTokens completion-token cap per choice
 * @param timeoutMs timeout of one HTTP attempt
 * @param maxRetries retries after the first attempt (connection errors, timeouts, 5xx, 429)
 * @param backoffBaseMs first backoff delay; doubles each retry, with jitter
 * @param backoffMaxMs backoff cap (a server's Retry-After is honoured up to {@link #MAX_RETRY_AFTER_MS})
 * @param maxInFlight requests sent to the server at once; more wait in a bounded queue
 * @param maxOutageMs how long requests wait through an outage (the server unreachable or answering
 *     5xx/429): a retryable failure is retried until at least {@code maxRetries} retries were made and
 *     the endpoint (or the request) has been failing for this long; 0 = fail after the retries
 * @param simulated the endpoint is Assay's simulated model: requests also carry their variables
 *     ({@link AssayHeaders#VARS}); never set for a real server
 * @throws AssayException of kind CONFIG when a field is out of range
 */
public record ModelOptions(
    String baseUrl,
    String model,
    String apiKeyEnv,
    double temperature,
    double topP,
    int maxTokens,
    long timeoutMs,
    int maxRetries,
    long backoffBaseMs,
    long backoffMaxMs,
    int maxInFlight,
    long maxOutageMs,
    boolean simulated) {

  public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8000";
  public static final String DEFAULT_MODEL = "assay-sim-1";
  public static final double DEFAULT_TEMPERATURE = 1.0;
  public static final double DEFAULT_TOP_P = 1.0;
  public static final int DEFAULT_MAX_TOKENS = 1024;
  public static final long DEFAULT_TIMEOUT_MS = 120_000;
  public static final int DEFAULT_MAX_RETRIES = 4;
  public static final long DEFAULT_BACKOFF_BASE_MS = 500;
  public static final long DEFAULT_BACKOFF_MAX_MS = 15_000;
  public static final int DEFAULT_MAX_IN_FLIGHT = 8;
  public static final long DEFAULT_MAX_OUTAGE_MS = 120_000;
  /** A server's Retry-After longer than this is cut to this. */
  public static final long MAX_RETRY_AFTER_MS = 60_000;

  public ModelOptions {
    require(baseUrl != null && baseUrl.matches("https?://.+"), "model.baseUrl must be an http(s) URL");
    require(model != null && !model.isBlank(), "model.model (the model name) is required");
    require(timeoutMs > 0, "model.timeoutMs must be > 0");
    require(maxRetries >= 0, "model.maxRetries must be >= 0");
    require(backoffBaseMs >= 0 && backoffMaxMs >= backoffBaseMs,
        "model backoff needs 0 <= backoffBaseMs <= backoffMaxMs");
    require(maxInFlight >= 1, "model.maxInFlight must be >= 1");
    require(maxOutageMs >= 0, "model.maxOutageMs must be >= 0");
    require(maxTokens >= 1, "model.maxTokens must be >= 1");
    require(temperature >= 0 && topP > 0 && topP <= 1, "model needs temperature >= 0 and 0 < topP <= 1");
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public static ModelOptions defaults() {
    return new ModelOptions(DEFAULT_BASE_URL, DEFAULT_MODEL, null, DEFAULT_TEMPERATURE,
        DEFAULT_TOP_P, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RETRIES,
        DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_MAX_MS, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_OUTAGE_MS, false);
  }

  public ModelOptions withBaseUrl(String url) {
    return new ModelOptions(url, model, apiKeyEnv, temperature, topP, maxTokens, timeoutMs,
        maxRetries, backoffBaseMs, backoffMaxMs, maxInFlight, maxOutageMs, simulated);
  }

  /** The same options asking for model {@code name} (e.g. a fine-tune registered by a hook). */
  public ModelOptions withModel(String name) {
    return new ModelOptions(baseUrl, name, apiKeyEnv, temperature, topP, maxTokens, timeoutMs,
        maxRetries, backoffBaseMs, backoffMaxMs, maxInFlight, maxOutageMs, simulated);
  }

  public ModelOptions withRetries(int retries, long baseMs, long maxMs) {
    return new ModelOptions(baseUrl, model, apiKeyEnv, temperature, topP, maxTokens, timeoutMs,
        retries, baseMs, maxMs, maxInFlight, maxOutageMs, simulated);
  }

  public ModelOptions withTimeoutMs(long ms) {
    return new ModelOptions(baseUrl, model, apiKeyEnv, temperature, topP, maxTokens, ms,
        maxRetries, backoffBaseMs, backoffMaxMs, maxInFlight, maxOutageMs, simulated);
  }

  public ModelOptions withMaxInFlight(int n) {
    return new ModelOptions(baseUrl, model, apiKeyEnv, temperature, topP, maxTokens, timeoutMs,
        maxRetries, backoffBaseMs, backoffMaxMs, n, maxOutageMs, simulated);
  }

  public ModelOptions withApiKeyEnv(String env) {
    return new ModelOptions(baseUrl, model, env, temperature, topP, maxTokens, timeoutMs,
        maxRetries, backoffBaseMs, backoffMaxMs, maxInFlight, maxOutageMs, simulated);
  }

  /** The same options waiting through outages of up to {@code ms}. */
  public ModelOptions withMaxOutageMs(long ms) {
    return new ModelOptions(baseUrl, model, apiKeyEnv, temperature, topP, maxTokens, timeoutMs,
        maxRetries, backoffBaseMs, backoffMaxMs, maxInFlight, ms, simulated);
  }

  /** The same options for Assay's simulated model ({@code true}: variables are sent) or a real server. */
  public ModelOptions withSimulated(boolean sim) {
    return new ModelOptions(baseUrl, model, apiKeyEnv, temperature, topP, maxTokens, timeoutMs,
        maxRetries, backoffBaseMs, backoffMaxMs, maxInFlight, maxOutageMs, sim);
  }

  /**
   * Upper bound of one HTTP exchange once it holds an in-flight slot: every attempt times out and
   * every backoff is at its cap, or an outage lasts {@code maxOutageMs} (then one more attempt).
   * Queue wait is not included; a request split into k exchanges takes up to k times this. A bus
   * send timeout should exceed it.
   */
  public long worstCaseMs() {
    long perRetryWait = Math.max(backoffMaxMs, MAX_RETRY_AFTER_MS);
    long retries = (maxRetries + 1L) * timeoutMs + maxRetries * perRetryWait;
    return Math.max(retries, maxOutageMs + 2 * (timeoutMs + perRetryWait));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw AssayException.config(message);
    }
  }

  private static String safeString(String url, String model) {
    return "baseUrl=" + url + " model=" + model;
  }

  /** Never prints the key itself, only the variable's name. */
  @Override
  public String toString() {
    return "ModelOptions[" + safeString(baseUrl, model) + " apiKeyEnv=" + apiKeyEnv
        + " temperature=" + temperature + " topP=" + topP + " maxTokens=" + maxTokens
        + " timeoutMs=" + timeoutMs + " maxRetries=" + maxRetries + " backoff=" + backoffBaseMs
        + ".." + backoffMaxMs + "ms maxInFlight=" + maxInFlight + " maxOutageMs=" + maxOutageMs
        + " simulated=" + simulated + "]";
  }
}

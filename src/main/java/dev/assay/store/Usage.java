package dev.assay.store;

/** Tokens and requests spent on one model call (over its retries). */
public record Usage(int promptTokens, int completionTokens, int requests, long latencyMs) {
  public static final Usage NONE = new Usage(0, 0, 0, 0);
}

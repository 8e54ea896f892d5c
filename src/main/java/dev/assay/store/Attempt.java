package dev.assay.store;

/**
 * One sample: the {@code idx}-th completion for a problem; {@code kind} is {@code sample} or
 * {@code rationalization} (STaR: asked again with the answer as a hint).
 */
public record Attempt(
    String problemId, int idx, String sampleId, String text, int promptTokens,
    int completionTokens, String model, long seed, String kind) {

  public boolean rationalized() {
    return "rationalization".equals(kind);
  }
}

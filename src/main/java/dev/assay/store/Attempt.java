package dev.assay.store;

/**
 * One sample: the {@code idx}-th completion for a problem; {@code kind} is {@code sample} or
 * {@code rationalization} (STaR: asked again with the answer as a hint). {@code completionTokens}
 * is what the server generated for it, or an estimate when {@code tokensEstimated}; {@code truncated}:
 * the server cut it at {@code max_tokens}, so it is not a finished answer.
 */
public record Attempt(
    String problemId, int idx, String sampleId, String text, int promptTokens,
    int completionTokens, String model, long seed, String kind, boolean tokensEstimated, boolean truncated) {

  public Attempt(String problemId, int idx, String sampleId, String text, int promptTokens, int completionTokens,
      String model, long seed, String kind, boolean tokensEstimated) {
    this(problemId, idx, sampleId, text, promptTokens, completionTokens, model, seed, kind, tokensEstimated, false);
  }

  public Attempt(String problemId, int idx, String sampleId, String text, int promptTokens, int completionTokens,
      String model, long seed, String kind) {
    this(problemId, idx, sampleId, text, promptTokens, completionTokens, model, seed, kind, false);
  }

  public boolean rationalized() {
    return "rationalization".equals(kind);
  }
}

package dev.assay.model;

/** Token usage of one chat completion as the server reported it. */
public record Usage(int promptTokens, int completionTokens) {
  public static final Usage ZERO = new Usage(0, 0);

  public int total() {
    return promptTokens + completionTokens;
  }

  public Usage plus(Usage other) {
    return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
  }
}

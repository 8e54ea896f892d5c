package dev.assay.simulator;

import io.vertx.core.json.JsonObject;

/**
 * A reasoning model's answer as the real servers return it (see {@link SimulatorOptions.Reasoning}):
 * thinking first, then the answer, cut at the request's {@code max_tokens}.
 */
final class SimThinking {
  private static final String[] STEPS = {
    "Let me restate what is asked and what is given.",
    "A first guess would be \\boxed{0}, but I have not checked it.",
    "Let me work through it step by step instead of guessing.",
    "I should check each step again before I commit to an answer.",
  };

  private SimThinking() {}

  /** A message and how it ended, and the completion tokens it took. */
  record Shaped(JsonObject message, String finishReason, int tokens) {}

  /** About {@code tokens} tokens of thinking, the same for every answer. */
  static String thought(int tokens) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; SimTokens.count(b.toString()) < tokens; i++) {
      b.append(i == 0 ? "" : " ").append(STEPS[i % STEPS.length]);
    }
    return b.toString();
  }

  /** The answer {@code content} of a model that thinks as {@code r} says first; {@code maxTokens} null: no limit. */
  static Shaped shape(String content, SimulatorOptions.Reasoning r, Integer maxTokens) {
    String thought = thought(r.tokens());
    int max = maxTokens == null ? Integer.MAX_VALUE : Math.max(1, maxTokens);
    JsonObject m = new JsonObject().put("role", "assistant");
    if (r.mode().equals("inline")) {
      String full = "<think>\n" + thought + "\n</think>\n\n" + content;
      int total = SimTokens.count(full);
      return total <= max ? new Shaped(m.put("content", full), "stop", total)
          : new Shaped(m.put("content", SimTokens.prefix(full, max)), "length", max);
    }
    int thinking = SimTokens.count(thought);
    int answer = SimTokens.count(content);
    if (thinking >= max) {
      return new Shaped(m.putNull("content").put("reasoning_content", SimTokens.prefix(thought, max)), "length", max);
    }
    m.put("reasoning_content", thought);
    return thinking + answer <= max ? new Shaped(m.put("content", content), "stop", thinking + answer)
        : new Shaped(m.put("content", SimTokens.prefix(content, max - thinking)), "length", max);
  }
}

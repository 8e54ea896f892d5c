package dev.assay.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a model's answer that holds its final answer. Reasoning models served without a
 * reasoning parser (DeepSeek-R1, QwQ, Qwen3 thinking on vLLM, SGLang, llama.cpp, Ollama) write
 * their chain of thought inline as {@code <think>...</think>} before the answer: a box or a
 * program inside it is a draft, not the answer. So the answer is read after the last closing
 * tag; an answer that opens a think block and never closes it (it ran out of tokens while
 * thinking) has no final answer at all. Text without think tags is read whole. Verification,
 * proposals and CodeT agreement all read a model's answer through here.
 */
public final class FinalAnswer {
  private static final Pattern OPEN = Pattern.compile("\\A\\s*<think(?:ing)?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern CLOSE = Pattern.compile("</think(?:ing)?>", Pattern.CASE_INSENSITIVE);

  /** What is read of an answer: all of it, the text after its reasoning, or null when the reasoning never ended. */
  public static String of(String completion) {
    Matcher m = CLOSE.matcher(completion);
    int end = -1;
    while (m.find()) {
      end = m.end();
    }
    if (end >= 0) {
      return completion.substring(end);
    }
    return OPEN.matcher(completion).find() ? null : completion;
  }

  /** What is read of an answer, "" when its reasoning never ended. */
  public static String orEmpty(String completion) {
    String s = of(completion == null ? "" : completion);
    return s == null ? "" : s;
  }

  static final String UNFINISHED = "reasoning never ended (<think> without </think>): no final answer";

  private FinalAnswer() {}
}

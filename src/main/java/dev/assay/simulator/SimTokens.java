package dev.assay.simulator;

import io.vertx.core.json.JsonArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's tokenizer, one count everywhere (usage, {@code /metrics}, {@code /tokenize}): a
 * text's tokens are its runs of up to four letters, digits or underscores and its runs of up to two
 * other visible characters, each with at most one space or tab before it, and the remaining runs of
 * whitespace. About 3 to 4 characters per token on prose and code, like
 * a real BPE vocabulary; simulated, never a real model's count.
 */
final class SimTokens {
  private static final Pattern TOKEN = Pattern.compile(
      "[ \\t]?[\\p{L}\\p{N}_]{1,4}|[ \\t]?[^\\p{L}\\p{N}_\\s]{1,2}|\\s+");
  /** Token ids fall in [0, VOCAB). */
  static final int VOCAB = 50_000;

  private SimTokens() {}

  static int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    Matcher m = TOKEN.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The first {@code tokens} tokens of {@code text}, as a server that stops at max_tokens returns them. */
  static String prefix(String text, int tokens) {
    Matcher m = TOKEN.matcher(text);
    int n = 0;
    int end = 0;
    while (n < tokens && m.find()) {
      n++;
      end = m.end();
    }
    return text.substring(0, end);
  }

  /** The token ids of {@code text} (a stable hash of each piece), {@link #count} of them. */
  static JsonArray ids(String text) {
    JsonArray out = new JsonArray();
    if (text == null) {
      return out;
    }
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(Math.floorMod(m.group().hashCode() * 31 + 7, VOCAB));
    }
    return out;
  }
}

package dev.assay.model;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-choice completion tokens that never invent a number. For one answer's choices:
 * <ol>
 *   <li>One choice: the server's {@code usage.completion_tokens} (exact).</li>
 *   <li>Several choices and the endpoint has a tokenize route ({@link TokenCounter}): each choice
 *       counted with the server's own tokenizer (exact).</li>
 *   <li>Several choices, no tokenize route, and the usage counts choice 0 only (llama.cpp with
 *       n > 1, see {@link #countsChoiceZeroOnly}): the endpoint is asked one choice per request from
 *       then on, and this answer's choices are asked again that way (exact; the discarded answer's
 *       usage still counts in the request's usage).</li>
 *   <li>Otherwise the reported total split over the choices in proportion to their length, marked
 *       estimated (the report says so). No usage at all: a length estimate, marked estimated.</li>
 * </ol>
 * A wrong "choice 0 only" verdict costs requests, never accuracy; so the rule is one-sided.
 */
final class TokenAccounting {
  private static final Logger LOG = LoggerFactory.getLogger(TokenAccounting.class);
  /** Tokens per choice, and whether they are an estimate. */
  record Counted(List<Integer> tokens, boolean estimated) {}

  /** No tokenizer puts more characters than this in one token, averaged over a completion. */
  static final double MAX_CHARS_PER_TOKEN = 8;
  /** Below this many characters in choices 1..n-1 the comparison says nothing. */
  static final int MIN_OTHER_CHARS = 64;

  private final EndpointShape shape;
  private final TokenCounter counter;

  TokenAccounting(EndpointShape shape, TokenCounter counter) {
    this.shape = shape;
    this.counter = counter;
  }

  /**
   * True when {@code usage} can only be choice 0's: below what any tokenizer would count for all the
   * choices together (total characters / {@value #MAX_CHARS_PER_TOKEN}) yet no more than one token per
   * character of choice 0 (plus a little for special tokens), with at least {@value #MIN_OTHER_CHARS}
   * characters in the other choices. A server that sums its choices never satisfies it.
   */
  static boolean countsChoiceZeroOnly(int usage, List<String> choices) {
    if (choices.size() < 2) {
      return false;
    }
    long first = choices.get(0).length();
    long all = choices.stream().mapToLong(String::length).sum();
    return all - first >= MIN_OTHER_CHARS && usage < all / MAX_CHARS_PER_TOKEN && usage <= first + 16;
  }

  /** The counts of {@code choices} (the answer's, at most what was asked); null = ask them again one by one. */
  Future<Counted> count(ChatJson.Wire w, List<String> choices) {
    int k = choices.size();
    if (k == 1 && w.choices().size() == 1 && w.usageReported()) {
      return Future.succeededFuture(new Counted(List.of(w.usage().completionTokens()), false));
    }
    if (k > 1 && shape.choiceZeroOnly()) {
      return Future.succeededFuture(null);
    }
    return shape.tokenizes(counter::probe).compose(tokenizes -> {
      if (tokenizes) {
        return byTokenizer(counter, choices).recover(e -> {
          LOG.warn("tokenize failed, this answer's {} choices get estimated tokens: {}", k, e.getMessage());
          return Future.succeededFuture(estimate(w, choices));
        });
      }
      if (k > 1 && w.usageReported() && countsChoiceZeroOnly(w.usage().completionTokens(), choices)) {
        shape.markChoiceZeroOnly("usage.completion_tokens " + w.usage().completionTokens() + " for " + k
            + " choices of " + choices.stream().mapToInt(String::length).sum() + " characters");
        return Future.succeededFuture(null);
      }
      return Future.succeededFuture(estimate(w, choices));
    });
  }

  private static Future<Counted> byTokenizer(TokenCounter tc, List<String> choices) {
    List<Future<Integer>> all = new ArrayList<>();
    choices.forEach(c -> all.add(tc.count(c)));
    return Future.all(all).map(cf -> {
      List<Integer> out = new ArrayList<>();
      all.forEach(f -> out.add(f.result()));
      return new Counted(out, false);
    });
  }

  private static Counted estimate(ChatJson.Wire w, List<String> choices) {
    if (w.usageReported()) {
      return new Counted(Completion.split(choices, w.usage().completionTokens()), true);
    }
    List<Integer> out = new ArrayList<>();
    choices.forEach(c -> out.add((c.length() + 3) / 4));
    return new Counted(out, true);
  }
}

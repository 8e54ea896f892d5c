package dev.assay.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's one-argument functions for code-reasoning tasks (Absolute Zero style). Each
 * {@link Family} has a Python source and a description with integer parameters; both parse back
 * ({@link #fromProgram}, {@link #fromDescription}), so a simulator that never saw the proposal
 * can still evaluate ({@link Fn#apply}) and invert ({@link Fn#invert}) the function in Java.
 * Values are those of {@link PyLiteral}.
 */
final class CodeReasoning {
  private CodeReasoning() {}

  enum In { INT, STR, LIST }

  enum Family {
    AFFINE(In.INT, "def f(x):\n    return x * {0} + {1}\n", "Returns x multiplied by {0} plus {1}.", 2, 9, 1, 20),
    SUM_SQUARES(In.LIST, "def f(x):\n    total = 0\n    for v in x:\n        total += v * v\n    return total\n",
        "Returns the sum of the squares of the integers in the list x."),
    REVERSE(In.STR, "def f(x):\n    return x[::-1]\n", "Returns the string x reversed."),
    COUNT_VOWELS(In.STR, "def f(x):\n    return sum(1 for ch in x if ch in 'aeiou')\n",
        "Returns the number of vowels (a, e, i, o, u) in the string x."),
    RUNNING_MAX(In.LIST, "def f(x):\n    out = []\n    best = None\n    for v in x:\n"
        + "        if best is None or v > best:\n            best = v\n        out.append(best)\n    return out\n",
        "Returns the running maximum of the list x."),
    DIGIT_SUM(In.INT, "def f(x):\n    return sum(int(d) for d in str(x))\n",
        "Returns the sum of the decimal digits of the non-negative integer x."),
    SORT_DESC(In.LIST, "def f(x):\n    return sorted(x, reverse=True)\n", "Returns the list x sorted in descending order."),
    DEDUPE(In.LIST, "def f(x):\n    seen = []\n    for v in x:\n        if v not in seen:\n            seen.append(v)\n    return seen\n",
        "Returns the list x with duplicates removed, keeping first occurrences in order."),
    GREATER(In.LIST, "def f(x):\n    return [v for v in x if v > {0}]\n",
        "Returns the elements of the list x that are greater than {0}, in order.", 0, 10),
    MULTIPLES_SUM(In.LIST, "def f(x):\n    return sum(v for v in x if v % {0} == 0)\n",
        "Returns the sum of the elements of the list x that are divisible by {0}.", 2, 7),
    PALINDROME(In.STR, "def f(x):\n    return x == x[::-1]\n",
        "Returns True if the string x reads the same backwards, else False.");

    final In in;
    final String source;
    final String description;
    final int[] ranges;
    final Pattern sourcePattern;
    final Pattern descriptionPattern;

    Family(In in, String source, String description, int... ranges) {
      this.in = in;
      this.source = source;
      this.description = description;
      this.ranges = ranges;
      this.sourcePattern = pattern(source);
      this.descriptionPattern = pattern(description);
    }

    int params() {
      return ranges.length / 2;
    }
  }

  private static final String[] WORDS = {"apple", "level", "river", "stone", "kayak", "moon", "tree",
      "civic", "data", "noon", "code", "radar", "sky", "banana", "rotor", "plum", "queue", "audio"};
  private static final Pattern PARAM = Pattern.compile("\\{(\\d)}");

  /** A family with its parameters: one concrete Python function {@code f}. */
  record Fn(Family family, List<Long> params) {
    String program() {
      return fill(family.source, params);
    }

    String description() {
      return fill(family.description, params);
    }

    /** f(x) as CPython computes it; IllegalArgumentException where CPython would raise. */
    Object apply(Object x) {
      return Eval.apply(this, x);
    }

    /** An input that f maps to {@code y}, checked by {@link #apply}; empty when none is found. */
    Optional<Object> invert(Object y) {
      Optional<Object> x = Eval.invert(this, y);
      return x.filter(v -> {
        try {
          return apply(v).equals(y);
        } catch (IllegalArgumentException e) {
          return false;
        }
      });
    }

    long p(int i) {
      return params.get(i);
    }
  }

  static Fn random(Family family, SplittableRandom rng) {
    List<Long> params = new ArrayList<>();
    for (int i = 0; i < family.params(); i++) {
      params.add((long) SimRandom.between(rng, family.ranges[2 * i], family.ranges[2 * i + 1]));
    }
    return new Fn(family, List.copyOf(params));
  }

  /** The function whose source this is (whitespace-insensitive). */
  static Optional<Fn> fromProgram(String program) {
    return match(program, true);
  }

  /** The function this description names. */
  static Optional<Fn> fromDescription(String description) {
    return match(description, false);
  }

  private static Optional<Fn> match(String text, boolean source) {
    String t = SimRandom.normalise(text);
    for (Family f : Family.values()) {
      Matcher m = (source ? f.sourcePattern : f.descriptionPattern).matcher(t);
      if (m.matches()) {
        List<Long> params = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
          params.add(Long.parseLong(m.group(i)));
        }
        return Optional.of(new Fn(f, List.copyOf(params)));
      }
    }
    return Optional.empty();
  }

  /** 3 to 5 distinct inputs suited to the function. */
  static List<Object> inputs(Fn fn, SplittableRandom rng) {
    int count = SimRandom.between(rng, 3, 5);
    Set<String> seen = new LinkedHashSet<>();
    List<Object> out = new ArrayList<>();
    for (int tries = 0; out.size() < count && tries < 50; tries++) {
      Object x = input(fn.family(), out.size(), rng);
      if (seen.add(PyLiteral.repr(x))) {
        out.add(x);
      }
    }
    return out;
  }

  private static Object input(Family f, int i, SplittableRandom rng) {
    return switch (f) {
      case AFFINE -> (long) SimRandom.between(rng, -20, 50);
      case DIGIT_SUM -> (long) SimRandom.between(rng, 0, 99_999);
      case PALINDROME -> i % 2 == 0 ? mirror(SimRandom.pick(rng, WORDS), rng) : SimRandom.pick(rng, WORDS);
      case REVERSE, COUNT_VOWELS -> rng.nextBoolean() ? SimRandom.pick(rng, WORDS)
          : SimRandom.pick(rng, WORDS) + " " + SimRandom.pick(rng, WORDS);
      case DEDUPE -> list(rng, 4, 7, 0, 5);
      case GREATER -> list(rng, 3, 6, 0, 20);
      case MULTIPLES_SUM -> list(rng, 3, 6, 0, 30);
      case SUM_SQUARES -> list(rng, 2, 5, -9, 9);
      default -> list(rng, 2, 6, -10, 30);
    };
  }

  private static String mirror(String w, SplittableRandom rng) {
    String back = new StringBuilder(w).reverse().toString();
    return rng.nextBoolean() ? w + back : w + back.substring(1);
  }

  private static List<Object> list(SplittableRandom rng, int minLen, int maxLen, int lo, int hi) {
    List<Object> xs = new ArrayList<>();
    for (int n = SimRandom.between(rng, minLen, maxLen); n > 0; n--) {
      xs.add((long) SimRandom.between(rng, lo, hi));
    }
    return xs;
  }

  private static String fill(String template, List<Long> params) {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Long.toString(params.get(Integer.parseInt(m.group(1)))));
    }
    return m.appendTail(out).toString();
  }

  private static Pattern pattern(String template) {
    String t = SimRandom.normalise(template);
    Matcher m = PARAM.matcher(t);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(t.substring(last, m.start()))).append("(-?\\d+)");
      last = m.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(t.substring(last))).toString());
  }
}

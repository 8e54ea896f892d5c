package dev.assay.simulator;

import static dev.assay.simulator.CodeCases.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's Python task families (sums, counting, words, Fibonacci, palindromes, running
 * aggregates, gcd, digits). A task is known again from its function name alone, which encodes
 * any parameter ({@code sum_of_multiples_of_7}), so a restarted simulator still solves it.
 */
final class CodeTemplates {
  private CodeTemplates() {}

  /** A task: Python signature, docstring, reference body, and a case generator with expectations. */
  record Task(String name, String args, String doc, String body,
      BiFunction<SplittableRandom, Integer, Object[]> gen, Function<Object[], Object> eval) {

    String prompt() {
      return "def " + name + "(" + args + "):\n    \"\"\"" + doc + "\"\"\"\n";
    }

    String solution() {
      return prompt() + body;
    }

    /** 2 to 4 assert lines with expectations computed here, in Java. */
    List<String> tests(SplittableRandom rng) {
      int count = SimRandom.between(rng, 2, 4);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Object[] in = gen.apply(rng, i);
        StringBuilder call = new StringBuilder("assert " + name + "(");
        for (int a = 0; a < in.length; a++) {
          call.append(a == 0 ? "" : ", ").append(literal(in[a]));
        }
        out.add(call + ") == " + literal(eval.apply(in)));
      }
      return out;
    }
  }

  private static final String[] FAMILY_NAMES = {"sum_of_squares", "count_vowels", "reverse_words",
      "nth_fibonacci", "is_palindrome", "running_max", "gcd", "digit_sum"};
  private static final String[] WORDS = {"apple", "level", "river", "stone", "kayak", "moon",
      "tree", "civic", "data", "noon", "code", "radar", "sky", "banana", "rotor", "plum"};
  private static final Pattern MULTIPLES = Pattern.compile("sum_of_multiples_of_(\\d+)");
  private static final Pattern LETTER = Pattern.compile("count_letter_([a-z])");
  private static final Pattern FIB_MOD = Pattern.compile("fibonacci_mod_(\\d+)");
  private static final Pattern DIGIT = Pattern.compile("count_digit_(\\d)");
  private static final Pattern DEF = Pattern.compile("def\\s+(\\w+)\\s*\\(");

  /** Names of every task variant of family {@code f} (0..7), with parameters drawn from rng. */
  static String variantName(int family, SplittableRandom rng) {
    int v = rng.nextInt(4);
    return switch (family) {
      case 0 -> v == 0 ? "sum_of_squares" : v == 1 ? "sum_of_cubes" : "sum_of_multiples_of_" + SimRandom.between(rng, 2, 12);
      case 1 -> v == 0 ? "count_vowels" : "count_letter_" + (char) ('a' + rng.nextInt(26));
      case 2 -> v < 2 ? "reverse_words" : v == 2 ? "reverse_each_word" : "longest_word";
      case 3 -> v == 0 ? "nth_fibonacci" : v == 1 ? "nth_lucas" : "fibonacci_mod_" + SimRandom.between(rng, 3, 100);
      case 4 -> v < 2 ? "is_palindrome" : v == 2 ? "is_palindrome_ignoring_case" : "is_palindrome_number";
      case 5 -> v < 2 ? "running_max" : v == 2 ? "running_min" : "running_sum";
      case 6 -> v < 2 ? "gcd" : v == 2 ? "lcm" : "gcd_of_list";
      default -> v == 0 ? "digit_sum" : v == 1 ? "digit_product" : v == 2 ? "digital_root" : "count_digit_" + rng.nextInt(10);
    };
  }

  /** Which family an example task resembles (by its function name), else a hash of the text. */
  static int familyOf(String example) {
    Matcher m = DEF.matcher(example);
    if (m.find()) {
      String name = m.group(1);
      for (int f = 0; f < FAMILY_NAMES.length; f++) {
        String stem = FAMILY_NAMES[f].split("_")[0];
        if (name.contains(stem) && !stem.equals("is")) {
          return f;
        }
      }
    }
    return (int) Math.floorMod(SimRandom.hash(example), (long) FAMILY_NAMES.length);
  }

  /** The task whose prompt names this function, if it is one of ours. */
  static Optional<Task> known(String prompt) {
    Matcher m = DEF.matcher(prompt);
    return m.find() ? byName(m.group(1)) : Optional.empty();
  }

  static Optional<Task> byName(String name) {
    Matcher p;
    if ((p = MULTIPLES.matcher(name)).matches()) {
      long k = Long.parseLong(p.group(1));
      return task(name, "n", "Return the sum of all positive multiples of " + k + " that are <= n.",
          "    return sum(i for i in range(" + k + ", n + 1, " + k + "))\n",
          (r, i) -> nums(SimRandom.between(r, (int) k, 60)), a -> sumWhere((long) a[0], 1, k));
    }
    if ((p = LETTER.matcher(name)).matches()) {
      char c = p.group(1).charAt(0);
      return task(name, "s", "Return how many times the letter '" + c + "' occurs in s.",
          "    return s.count('" + c + "')\n", (r, i) -> strs(sentence(r, WORDS, c, i)),
          a -> ((String) a[0]).chars().filter(x -> x == c).count());
    }
    if ((p = FIB_MOD.matcher(name)).matches()) {
      long m = Long.parseLong(p.group(1));
      return task(name, "n", "Return the n-th Fibonacci number (F(0) = 0, F(1) = 1) modulo " + m + ".",
          "    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, (a + b) % " + m + "\n    return a\n",
          (r, i) -> nums(SimRandom.between(r, 5, 80)), a -> lucasLike((long) a[0], 0, 1, m));
    }
    if ((p = DIGIT.matcher(name)).matches()) {
      char d = p.group(1).charAt(0);
      return task(name, "n", "Return how many times the digit " + d + " occurs in the decimal form of n >= 0.",
          "    return str(n).count('" + d + "')\n", (r, i) -> nums(r.nextLong(1, 10_000_000)),
          a -> Long.toString((long) a[0]).chars().filter(x -> x == d).count());
    }
    return Optional.ofNullable(switch (name) {
      case "sum_of_squares" -> plain(name, "n", "Return 1*1 + 2*2 + ... + n*n.",
          "    return sum(i * i for i in range(1, n + 1))\n", (r, i) -> nums(SimRandom.between(r, 1, 40)),
          a -> sumPow((long) a[0], 2));
      case "sum_of_cubes" -> plain(name, "n", "Return 1**3 + 2**3 + ... + n**3.",
          "    total = 0\n    for i in range(1, n + 1):\n        total += i ** 3\n    return total\n",
          (r, i) -> nums(SimRandom.between(r, 1, 40)), a -> sumPow((long) a[0], 3));
      case "count_vowels" -> plain(name, "s", "Return the number of vowels (a, e, i, o, u, any case) in s.",
          "    return sum(1 for ch in s if ch.lower() in 'aeiou')\n", (r, i) -> strs(sentence(r, WORDS, 'a', i)),
          a -> ((String) a[0]).toLowerCase().chars().filter(x -> "aeiou".indexOf(x) >= 0).count());
      case "reverse_words" -> plain(name, "s", "Return the words of s in reverse order, joined by single spaces.",
          "    return ' '.join(reversed(s.split()))\n", (r, i) -> strs(sentence(r, WORDS, ' ', i)),
          a -> String.join(" ", reversed(List.of(((String) a[0]).split(" ")))));
      case "reverse_each_word" -> plain(name, "s", "Reverse every word of s, keeping the word order.",
          "    return ' '.join(w[::-1] for w in s.split())\n", (r, i) -> strs(sentence(r, WORDS, ' ', i)),
          a -> String.join(" ", List.of(((String) a[0]).split(" ")).stream()
              .map(w -> new StringBuilder(w).reverse().toString()).toList()));
      case "longest_word" -> plain(name, "s", "Return the longest word of s (the first one on a tie).",
          "    return max(s.split(), key=len)\n", (r, i) -> strs(sentence(r, WORDS, ' ', i)), a -> longest((String) a[0]));
      case "nth_fibonacci" -> plain(name, "n", "Return the n-th Fibonacci number, F(0) = 0, F(1) = 1.",
          "    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n",
          (r, i) -> nums(SimRandom.between(r, 0, 50)), a -> lucasLike((long) a[0], 0, 1, 0));
      case "nth_lucas" -> plain(name, "n", "Return the n-th Lucas number, L(0) = 2, L(1) = 1.",
          "    a, b = 2, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n",
          (r, i) -> nums(SimRandom.between(r, 0, 50)), a -> lucasLike((long) a[0], 2, 1, 0));
      case "is_palindrome" -> plain(name, "s", "Return True if s reads the same forwards and backwards.",
          "    return s == s[::-1]\n", (r, i) -> strs(palindromeCase(r, WORDS, i, false)), a -> isPal((String) a[0]));
      case "is_palindrome_ignoring_case" -> plain(name, "s", "Return True if s is a palindrome when case is ignored.",
          "    t = s.lower()\n    return t == t[::-1]\n", (r, i) -> strs(palindromeCase(r, WORDS, i, true)),
          a -> isPal(((String) a[0]).toLowerCase()));
      case "is_palindrome_number" -> plain(name, "n", "Return True if the decimal digits of n >= 0 read the same both ways.",
          "    return str(n) == str(n)[::-1]\n", (r, i) -> nums(i % 2 == 0 ? palNumber(r) : r.nextLong(10, 99_999)),
          a -> isPal(Long.toString((long) a[0])));
      case "running_max", "running_min", "running_sum" -> running(name);
      case "gcd" -> plain(name, "a, b", "Return the greatest common divisor of the positive integers a and b.",
          "    while b:\n        a, b = b, a % b\n    return a\n", (r, i) -> pairWithFactor(r),
          a -> gcd((long) a[0], (long) a[1]));
      case "lcm" -> plain(name, "a, b", "Return the least common multiple of the positive integers a and b.",
          "    x, y = a, b\n    while y:\n        x, y = y, x % y\n    return a * b // x\n", (r, i) -> pairWithFactor(r),
          a -> (long) a[0] * (long) a[1] / gcd((long) a[0], (long) a[1]));
      case "gcd_of_list" -> plain(name, "xs", "Return the greatest common divisor of a non-empty list of positive integers.",
          "    result = xs[0]\n    for x in xs[1:]:\n        while x:\n            result, x = x, result % x\n    return result\n",
          (r, i) -> new Object[] {listWithFactor(r)}, a -> listGcd(a[0]));
      case "digit_sum" -> plain(name, "n", "Return the sum of the decimal digits of n >= 0.",
          "    return sum(int(d) for d in str(n))\n", (r, i) -> nums(r.nextLong(0, 10_000_000)),
          a -> Long.toString((long) a[0]).chars().map(c -> c - '0').sum() + 0L);
      case "digit_product" -> plain(name, "n", "Return the product of the decimal digits of n >= 0.",
          "    p = 1\n    for d in str(n):\n        p *= int(d)\n    return p\n", (r, i) -> nums(r.nextLong(1, 10_000_000)),
          a -> Long.toString((long) a[0]).chars().mapToLong(c -> c - '0').reduce(1, (x, y) -> x * y));
      case "digital_root" -> plain(name, "n", "Repeatedly sum the decimal digits of n >= 0 until one digit is left; return it.",
          "    while n >= 10:\n        n = sum(int(d) for d in str(n))\n    return n\n", (r, i) -> nums(r.nextLong(0, 10_000_000)),
          a -> (long) a[0] == 0 ? 0L : 1 + ((long) a[0] - 1) % 9);
      default -> null;
    });
  }

  private static Optional<Task> task(String name, String args, String doc, String body,
      BiFunction<SplittableRandom, Integer, Object[]> gen, Function<Object[], Object> eval) {
    return Optional.of(new Task(name, args, doc, body, gen, eval));
  }

  private static Task plain(String name, String args, String doc, String body,
      BiFunction<SplittableRandom, Integer, Object[]> gen, Function<Object[], Object> eval) {
    return new Task(name, args, doc, body, gen, eval);
  }

  private static Task running(String name) {
    String what = name.substring("running_".length());
    String op = switch (what) {
      case "max" -> "x if not out or x > out[-1] else out[-1]";
      case "min" -> "x if not out or x < out[-1] else out[-1]";
      default -> "x + (out[-1] if out else 0)";
    };
    return plain(name, "xs", "Return a list whose i-th item is the " + what + " of xs[0..i].",
        "    out = []\n    for x in xs:\n        out.append(" + op + ")\n    return out\n",
        (r, i) -> new Object[] {randomList(r)}, a -> {
          List<Long> out = new ArrayList<>();
          for (Object o : (List<?>) a[0]) {
            long x = (long) o;
            out.add(out.isEmpty() ? x : switch (what) {
              case "max" -> Math.max(x, out.get(out.size() - 1));
              case "min" -> Math.min(x, out.get(out.size() - 1));
              default -> x + out.get(out.size() - 1);
            });
          }
          return out;
        });
  }

  // ---- case inputs (expected values: CodeCases) ----

  private static Object[] nums(long n) {
    return new Object[] {n};
  }

  private static Object[] strs(String s) {
    return new Object[] {s};
  }

  static int families() {
    return FAMILY_NAMES.length;
  }
}

package dev.assay.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stdin/stdout problems in the simulator: three families with a parameter (sum of multiples of K,
 * Fibonacci modulo M, words longer than L), known again from the title line of their statement,
 * with tests computed here in Java and a reference program per language ({@link IoPrograms}). The
 * language comes from the request's variables ({@code language}), never from the wording. A problem
 * it does not know gets the reference the problem itself carries ({@code body.solutions.<language>} or
 * {@code body.solution}) when the
 * outcome is correct, else a program that prints 0.
 */
final class SimIo {
  private static final Pattern[] TITLES = {Pattern.compile("Sum of multiples of (\\d+)"),
      Pattern.compile("Fibonacci modulo (\\d+)"), Pattern.compile("Words longer than (\\d+)")};
  private static final String[] WORDS = {"a", "to", "sky", "tree", "apple", "river", "planet", "kayak", "banana",
      "mountain", "notebook", "algorithm", "moon", "code", "data", "structure"};

  private SimIo() {}

  /** A known problem: its family (0..2) and parameter. */
  record Known(int family, long param) {
    String statement() {
      return switch (family) {
        case 0 -> "Sum of multiples of " + param + "\n\nThe first line holds n (1 <= n <= 100). The second line holds n"
            + " integers between -1000 and 1000. Print the sum of those that are divisible by " + param + ".";
        case 1 -> "Fibonacci modulo " + param + "\n\nThe input is one integer n (0 <= n <= 100000). With F(0) = 0,"
            + " F(1) = 1 and F(n) = F(n-1) + F(n-2), print F(n) modulo " + param + ".";
        default -> "Words longer than " + param + "\n\nThe input is one line of lowercase words separated by spaces."
            + " Print how many of them have more than " + param + " letters.";
      };
    }

    String program(String language, long p) {
      Map<String, String> src = family == 0 ? IoPrograms.SUM_MULTIPLES : family == 1 ? IoPrograms.FIB_MOD
          : IoPrograms.LONG_WORDS;
      return src.getOrDefault(language, src.get("python")).replace("{P}", String.valueOf(p));
    }

    /** 3 to 6 tests, the answers computed here. */
    JsonArray tests(SplittableRandom r) {
      JsonArray out = new JsonArray();
      int count = SimRandom.between(r, 3, 6);
      for (int i = 0; i < count; i++) {
        String[] t = test(r, i);
        out.add(new JsonObject().put("input", t[0]).put("output", t[1]));
      }
      return out;
    }

    private String[] test(SplittableRandom r, int i) {
      switch (family) {
        case 0 -> {
          int n = SimRandom.between(r, 1, 8);
          List<String> xs = new ArrayList<>();
          long s = 0;
          for (int j = 0; j < n; j++) {
            long x = (j + i) % 2 == 0 ? param * SimRandom.between(r, -9, 9) : SimRandom.between(r, -1000, 1000);
            s += x % param == 0 ? x : 0;
            xs.add(Long.toString(x));
          }
          return new String[] {n + "\n" + String.join(" ", xs) + "\n", s + "\n"};
        }
        case 1 -> {
          long n = i == 0 ? SimRandom.between(r, 0, 2) : SimRandom.between(r, 3, 300);
          long a = 0;
          long b = 1;
          for (long j = 0; j < n; j++) {
            long c = (a + b) % param;
            a = b;
            b = c;
          }
          return new String[] {n + "\n", a % param + "\n"};
        }
        default -> {
          int n = SimRandom.between(r, 1, 8);
          List<String> ws = new ArrayList<>();
          for (int j = 0; j < n; j++) {
            ws.add(SimRandom.pick(r, WORDS));
          }
          long c = ws.stream().filter(w -> w.length() > param).count();
          return new String[] {String.join(" ", ws) + "\n", c + "\n"};
        }
      }
    }
  }

  /** The family and parameter a statement's title names, if it is one of ours. */
  static Optional<Known> known(String statement) {
    for (int f = 0; f < TITLES.length; f++) {
      Matcher m = TITLES[f].matcher(statement);
      if (m.find()) {
        long p = Long.parseLong(m.group(1));
        if (p >= 1 && p <= 1_000_000) {
          return Optional.of(new Known(f, p));
        }
      }
    }
    return Optional.empty();
  }

  static Known draw(int family, SplittableRandom r) {
    return new Known(family, switch (family) {
      case 0 -> SimRandom.between(r, 2, 13);
      case 1 -> SimRandom.between(r, 7, 1_000_000);
      default -> SimRandom.between(r, 2, 6);
    });
  }

  /** The program of one answer: the reference, a near miss (parameter off by one) or a failing program. */
  static String program(SimTask t, SimOutcome o) {
    String lang = t.string("language").isEmpty() ? t.body().getString("language", "python") : t.string("language");
    Optional<Known> k = known(t.statement());
    String right = k.map(x -> x.program(lang, x.param())).orElseGet(() -> carried(t.body(), lang));
    return switch (o) {
      case CORRECT -> right;
      case WRONG_ANSWER -> k.map(x -> x.program(lang, x.param() + 1)).orElse(printZero(lang));
      case RAISES -> IoPrograms.CRASH.get(lang);
      case INFINITE_LOOP -> IoPrograms.LOOP.get(lang);
      case MEMORY_HOG -> IoPrograms.HOG.get(lang);
      case OUTPUT_FLOOD -> IoPrograms.FLOOD.get(lang);
      default -> IoPrograms.broken(lang, right); // the fork-bomb slot: a program that does not compile
    };
  }

  /** The problem's own reference in {@code lang} ({@code solutions.<lang>}, else {@code solution}), else a stub. */
  private static String carried(JsonObject body, String lang) {
    if (body.getValue("solutions") instanceof JsonObject sols && sols.getValue(lang) instanceof String s) {
      return s;
    }
    return body.getValue("solution") instanceof String s ? s : printZero(lang);
  }

  private static String printZero(String lang) {
    return IoPrograms.LONG_WORDS.get(lang).replace("{P}", "1000000");
  }

  /** A whole answer: a short intro now and then, the program in a fence tagged with its language. */
  static String answer(SimTask t, SimOutcome o, SplittableRandom form) {
    String lang = t.string("language").isEmpty() ? "python" : t.string("language");
    String program = program(t, o);
    String intro = switch (form.nextInt(3)) {
      case 0 -> "Here is a complete program.\n\n";
      case 1 -> "Read the input, compute, print.\n\n";
      default -> "";
    };
    String header = form.nextBoolean() ? IoPrograms.comment(lang) + "Reads standard input, writes the answer.\n" : "";
    return intro + "```" + lang + "\n" + header + program.stripTrailing() + "\n```\n";
  }

  /**
   * {@code k} new problems like the example, with tests and a reference in {@code language}; about
   * one reply in twelve is defective (a broken array, or a reference with its parameter off by one).
   */
  static String propose(String example, String language, int k, SplittableRandom rng) {
    int main = known(example).map(Known::family).orElse((int) Math.floorMod(SimRandom.hash(example), 3L));
    int defect = rng.nextInt(SimBrain.DEFECT_ONE_IN) == 0 ? 1 + rng.nextInt(2) : 0;
    JsonArray items = new JsonArray();
    for (int i = 0; i < k; i++) {
      Known p = draw(rng.nextInt(10) < 7 ? main : rng.nextInt(3), rng);
      long param = defect == 1 && i == 0 ? p.param() + 1 : p.param();
      items.add(new JsonObject().put("statement", p.statement()).put("tests", p.tests(rng))
          .put("solution", p.program(language.isEmpty() ? "python" : language, param)));
    }
    String json = items.encodePrettily();
    return defect == 2 ? json.substring(0, json.length() / 2) : json;
  }
}

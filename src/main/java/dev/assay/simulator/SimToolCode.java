package dev.assay.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code the simulated model sends to its python tool, and what it reads back from the tool's
 * output. Pure functions.
 */
final class SimToolCode {
  private SimToolCode() {}

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern FRACTION = Pattern.compile("(-?\\d+)/(\\d+)");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(/\\d+)?");
  private static final Pattern LAST_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(/\\d+)?(?!.*\\d)");
  private static final Pattern FAILED = Pattern.compile(
      "(?m)^(Traceback \\(most recent call last\\)|Error: |\\w*(Error|Exception)\\b)");
  private static final Pattern FIRST_DEF = Pattern.compile("(?m)^def\\s+(\\w+)\\s*\\(");
  /** Longest line taken as a value when it is not a number. */
  static final int MAX_VALUE_CHARS = 100;

  /**
   * Code that computes and prints {@code value}: {@code program} (a TinyGSM-style {@code solution()})
   * when given, else a small computation whose printed result is the value.
   */
  static String math(String value, String program, SplittableRandom rng) {
    if (program != null) {
      return program + "\nprint(solution())\n";
    }
    Matcher f = FRACTION.matcher(value);
    if (INTEGER.matcher(value).matches()) {
      BigInteger part = BigInteger.valueOf(1 + rng.nextInt(9));
      return "# The quantities the problem gives, combined.\npart = " + part + "\nrest = "
          + new BigInteger(value).subtract(part) + "\nprint(part + rest)\n";
    }
    if (f.matches()) {
      return "from fractions import Fraction\n\nresult = Fraction(" + f.group(1) + ", " + f.group(2) + ")\nprint(result)\n";
    }
    return NUMBER.matcher(value).matches() ? "result = " + value + "\nprint(result)\n"
        : "result = " + PyLiteral.repr(value) + "\nprint(result)\n";
  }

  /** Code that defines the candidate {@code program} and prints what it returns for an example. */
  static String code(String program, String entry, JsonObject body, SplittableRandom rng) {
    Matcher def = FIRST_DEF.matcher(program);
    String name = entry != null ? entry : def.find() ? def.group(1) : null;
    String call = name == null ? null : exampleCall(name, body).or(() -> templateCall(name, rng)).orElse(null);
    String tail = call != null ? "print(" + call + ")" : name != null ? "print(callable(" + name + "))" : "print('defined')";
    return program.stripTrailing() + "\n\n" + tail + "\n";
  }

  /** Whether a tool output shows an error (a traceback, an exception line, the runner's one-line errors). */
  static boolean failed(String output) {
    return FAILED.matcher(output).find();
  }

  /**
   * The value a math tool output holds: its last line when that is a number or a short plain value,
   * else the last number on it; null when the output shows an error, was cut, or is empty.
   */
  static String value(String output) {
    if (failed(output) || output.contains("[... output truncated")) {
      return null;
    }
    List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      return null;
    }
    String last = lines.get(lines.size() - 1);
    if (NUMBER.matcher(last).matches() || last.length() <= MAX_VALUE_CHARS && !last.contains(" ")) {
      return last;
    }
    Matcher m = LAST_NUMBER.matcher(last);
    return m.find() ? m.group() : last.length() <= MAX_VALUE_CHARS ? last : null;
  }

  /** A call of {@code name} taken from the problem's tests ({@code tests}, {@code test_list}, {@code test}). */
  static Optional<String> exampleCall(String name, JsonObject body) {
    List<String> tests = new ArrayList<>();
    for (String field : new String[] {"tests", "test_list"}) {
      if (body.getValue(field) instanceof JsonArray a) {
        a.forEach(x -> tests.add(String.valueOf(x)));
      }
    }
    if (body.getValue("test") instanceof String check) {
      tests.add(check);
    }
    for (String test : tests) {
      for (String callee : new String[] {name, "candidate"}) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(callee) + "\\s*\\(").matcher(test);
        if (m.find()) {
          int end = closing(test, m.end() - 1);
          if (end > 0) {
            return Optional.of(name + test.substring(m.end() - 1, end + 1));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> templateCall(String name, SplittableRandom rng) {
    return CodeTemplates.byName(name).map(t -> {
      Object[] args = t.gen().apply(rng, 0);
      List<String> parts = new ArrayList<>();
      for (Object a : args) {
        parts.add(CodeCases.literal(a));
      }
      return name + "(" + String.join(", ", parts) + ")";
    });
  }

  /** Index of the bracket closing the one at {@code open}, skipping string literals; -1 when none. */
  private static int closing(String s, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}

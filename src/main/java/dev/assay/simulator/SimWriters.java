package dev.assay.simulator;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a simulated sample's text for a drawn {@link SimOutcome}. Pure functions. */
final class SimWriters {
  private SimWriters() {}

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  // ---- math ----

  /** About one answer in this many ignores the answer format the prompt asked for. */
  static final int IGNORES_FORMAT_ONE_IN = 20;

  /** {@link #math(String, String, List, SimOutcome, SplittableRandom, String)} with no format asked. */
  static String math(String problem, String answer, List<String> steps, SimOutcome outcome,
      SplittableRandom form) {
    return math(problem, answer, steps, outcome, form, "");
  }

  /**
   * {@code answer} null = the simulator does not know the problem: it guesses (wrongly). The final
   * answer goes where {@code answerFormat} (the request's {@code answer_format}) says: {@code boxed}
   * in {@code \boxed{}}, {@code line} on a final-answer line; otherwise (none, {@code boxed_or_line},
   * a regex) in one of the three forms at random. About one answer in
   * {@value #IGNORES_FORMAT_ONE_IN} ignores a format, as real models sometimes do.
   */
  static String math(String problem, String answer, List<String> steps, SimOutcome outcome,
      SplittableRandom form, String answerFormat) {
    StringBuilder text = new StringBuilder("Let's work through the problem step by step.\n");
    if (outcome == SimOutcome.NO_ANSWER) {
      return text.append("First I need to work out what is being asked.\n")
          .append("The quantities have to be combined carefully.\n")
          .append("I am not sure how to finish this one.\n").toString();
    }
    String given = answer == null || outcome != SimOutcome.CORRECT ? wrong(problem, answer, form) : answer;
    if (answer != null && outcome == SimOutcome.CORRECT) {
      steps.forEach(s -> text.append(s).append('\n'));
    } else {
      text.append("I combine the numbers given in the problem.\n");
    }
    int choice = form.nextInt(3);
    boolean obeys = form.nextInt(IGNORES_FORMAT_ONE_IN) != 0; // last draw: earlier text never depends on it
    if (obeys && answerFormat.equals("boxed")) {
      choice = 0;
    } else if (obeys && answerFormat.equals("line")) {
      choice = choice == 0 ? 2 : choice;
    } else if (!obeys && answerFormat.equals("boxed")) {
      choice = 2;
    } else if (!obeys && answerFormat.equals("line")) {
      choice = 0;
    }
    return text.append(switch (choice) {
      case 0 -> "So the final answer is \\boxed{" + given + "}.";
      case 1 -> "#### " + given;
      default -> "The answer is " + given + ".";
    }).toString();
  }

  /** Off by a little: the first number in the answer changes; unknown problems get a guess. */
  static String wrong(String problem, String answer, SplittableRandom form) {
    if (answer == null) {
      return Long.toString(1 + Math.floorMod(SimRandom.hash("guess", problem), 97L));
    }
    Matcher m = DIGITS.matcher(answer);
    if (!m.find()) {
      return answer + "+1";
    }
    String digits = m.group();
    String changed = new java.math.BigInteger(digits)
        .add(java.math.BigInteger.valueOf(1 + form.nextInt(5))).toString();
    return answer.substring(0, m.start()) + changed + answer.substring(m.end());
  }

  // ---- code ----

  /**
   * {@code solution} null = unknown task: a stub with the prompt's signature. Bad outcomes keep
   * the signature and put the misbehaviour in the body.
   */
  static String code(String prompt, String entry, String solution, SimOutcome outcome,
      SplittableRandom form) {
    String program = program(prompt, entry, solution, outcome, form);
    String intro = form.nextInt(3) == 0 ? "Here is the completed function.\n\n" : "";
    return intro + "```python\n" + program.stripTrailing() + "\n```\n";
  }

  /** The program alone of {@link #code}, drawing from {@code form} as it does before its intro. */
  static String program(String prompt, String entry, String solution, SimOutcome outcome,
      SplittableRandom form) {
    String source = solution != null ? solution : stub(prompt, entry);
    Def def = Def.find(source, entry);
    return switch (outcome) {
      case CORRECT -> vary(source, form);
      case WRONG_ANSWER -> def == null ? source + "\n" : wrapWrong(source, def);
      case NO_ANSWER -> source;
      default -> def == null ? source : def.header() + def.signature() + "\n" + badBody(outcome);
    };
  }

  private static String badBody(SimOutcome o) {
    return switch (o) {
      case RAISES -> "    raise ValueError('not implemented for this input')\n";
      case INFINITE_LOOP -> "    while True:\n        pass\n";
      case MEMORY_HOG -> "    hog = []\n    while True:\n        hog.append([0] * 1000000)\n";
      case FORK_BOMB -> "    import os\n    while True:\n        os.fork()\n";
      case OUTPUT_FLOOD -> "    while True:\n        print('x' * 10000)\n";
      default -> "    pass\n";
    };
  }

  private static String vary(String source, SplittableRandom form) {
    return switch (form.nextInt(4)) {
      case 0 -> source;
      case 1 -> "# Solution.\n" + source;
      case 2 -> source.stripTrailing() + "\n\n# End of solution.\n";
      default -> "# A direct approach.\n" + source.stripTrailing() + "\n";
    };
  }

  private static String wrapWrong(String source, Def def) {
    String impl = "_" + def.name() + "_impl";
    String renamed = def.header() + def.signature().replaceFirst("def\\s+" + def.name(), "def " + impl)
        + source.substring(def.end());
    return renamed.stripTrailing() + "\n\n\ndef " + def.name() + "(*args, **kwargs):\n"
        + "    result = " + impl + "(*args, **kwargs)\n"
        + "    if isinstance(result, bool):\n        return not result\n"
        + "    if isinstance(result, int):\n        return result + 1\n"
        + "    if isinstance(result, float):\n        return result * 1.5 + 1\n"
        + "    if isinstance(result, str):\n        return result + 'x'\n"
        + "    if isinstance(result, (list, tuple)):\n        return result[:-1] if result else type(result)([0])\n"
        + "    if isinstance(result, (set, dict)):\n        return type(result)() if result else {0: 0}\n"
        + "    return None\n";
  }

  private static String stub(String prompt, String entry) {
    Def def = Def.find(prompt, entry);
    if (def == null) {
      return "def solution(*args):\n    return None\n";
    }
    return prompt.stripTrailing() + "\n    return None\n";
  }

  /** Where {@code def name(...):} starts and ends in a source, signature possibly multi-line. */
  record Def(String name, String header, String signature, int end) {
    static Def find(String source, String name) {
      Pattern p = Pattern.compile("(?m)^def\\s+" + (name == null ? "\\w+" : Pattern.quote(name)) + "\\s*\\(");
      Matcher m = p.matcher(source);
      if (!m.find()) {
        return null;
      }
      int depth = 0;
      int i = m.end() - 1;
      for (; i < source.length(); i++) {
        char c = source.charAt(i);
        depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
        if (depth == 0 && c == ':') {
          break;
        }
      }
      int eol = source.indexOf('\n', i);
      int end = eol < 0 ? source.length() : eol;
      String sig = source.substring(m.start(), end);
      String found = sig.replaceFirst("(?s)def\\s+(\\w+).*", "$1");
      return new Def(found, source.substring(0, m.start()), sig, end);
    }
  }
}

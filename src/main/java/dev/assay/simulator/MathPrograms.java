package dev.assay.simulator;

import static dev.assay.simulator.MathTemplates.*;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * TinyGSM-style programs for the {@link MathTemplates} problems: a Python {@code solution()}
 * whose printed result is the template answer ({@code fractions.Fraction} for fractions, an int
 * otherwise). Every program ends with {@code return result}; the defects replace that line.
 */
final class MathPrograms {
  private MathPrograms() {}

  /** Ways a proposed program is broken on purpose. */
  enum Defect { NONE, RAISES, NON_DETERMINISTIC, RETURNS_STRING }

  /** The program for a template problem; empty when no template matches. */
  static Optional<String> program(String problem) {
    String p = SimRandom.normalise(problem);
    Matcher m;
    if ((m = MARBLES.matcher(p)).matches()) {
      return body("start = " + m.group(2), "bags = " + m.group(4), "per_bag = " + m.group(5),
          "given_away = " + m.group(6), "total = start + bags * per_bag", "result = total - given_away");
    }
    if ((m = BAKERY.matcher(p)).matches()) {
      return body("trays = " + m.group(1), "per_tray = " + m.group(2), "sold_noon = " + m.group(3),
          "sold_afternoon = " + m.group(4), "baked = trays * per_tray",
          "result = baked - sold_noon - sold_afternoon");
    }
    if ((m = FARM.matcher(p)).matches()) {
      return body("rows = " + m.group(1), "trees_per_row = " + m.group(2), "apples_per_tree = " + m.group(3),
          "bruised = " + m.group(4), "apples = rows * trees_per_row * apples_per_tree", "result = apples - bruised");
    }
    if ((m = WAGES.matcher(p)).matches()) {
      return body("hourly = " + m.group(2), "hours = " + m.group(3), "weeks = " + m.group(4),
          "bike = " + m.group(5), "earned = hourly * hours * weeks", "result = earned - bike");
    }
    if ((m = FRACTION.matcher(p)).matches()) {
      String op = switch (m.group(3)) {
        case "plus" -> "+";
        case "minus" -> "-";
        default -> "*";
      };
      return body("from fractions import Fraction", "first = Fraction(" + m.group(1) + ", " + m.group(2) + ")",
          "second = Fraction(" + m.group(4) + ", " + m.group(5) + ")", "result = first " + op + " second");
    }
    if ((m = FRACTION_OF.matcher(p)).matches()) {
      return body("from fractions import Fraction", "candies = " + m.group(1),
          "eaten = Fraction(" + m.group(3) + ", " + m.group(4) + ") * candies", "result = int(eaten)");
    }
    if ((m = LINEAR_BOTH.matcher(p)).matches()) {
      return body("from fractions import Fraction", "a, b = " + m.group(1) + ", " + m.group(2) + m.group(3),
          "c, d = " + m.group(4) + ", " + m.group(5) + m.group(6), "x = Fraction(d - b, a - c)",
          "result = x.numerator if x.denominator == 1 else x");
    }
    if ((m = LINEAR.matcher(p)).matches()) {
      return body("from fractions import Fraction", "a, b = " + m.group(1) + ", " + m.group(2) + m.group(3),
          "c = " + m.group(4), "x = Fraction(c - b, a)", "result = x.numerator if x.denominator == 1 else x");
    }
    return Optional.empty();
  }

  /** {@code program} broken as {@code defect} says. */
  static String broken(String program, Defect defect) {
    return switch (defect) {
      case NONE -> program;
      case RAISES -> program.replace("    return result\n",
          "    raise ValueError('a quantity is missing')\n    return result\n");
      case NON_DETERMINISTIC -> "def solution():\n    import random\n    return random.randint(1, 10**9)\n";
      case RETURNS_STRING -> program.replace("    return result\n", "    return str(result) + ' in total'\n");
    };
  }

  private static Optional<String> body(String... lines) {
    StringBuilder out = new StringBuilder("def solution():\n");
    for (String line : lines) {
      out.append("    ").append(line).append('\n');
    }
    return Optional.of(out.append("    return result\n").toString());
  }
}

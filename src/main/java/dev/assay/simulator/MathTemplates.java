package dev.assay.simulator;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's math problem templates: multi-step word problems, fractions, linear
 * equations. Every problem it writes parses back with a per-template regex, so any simulator
 * process knows the answer to problems an earlier one proposed.
 */
final class MathTemplates {
  private MathTemplates() {}

  /** A problem with its exact answer and a few lines of worked steps. */
  record Solved(String problem, String answer, List<String> steps) {}

  enum Family { WORD, FRACTION, LINEAR }

  private static final String[] NAMES = {"Tom", "Ana", "Ravi", "Mei", "Lena", "Omar", "Sofia", "Ken"};
  private static final String[] ITEMS = {"marbles", "stickers", "stamps", "cards", "shells"};

  static final Pattern MARBLES = Pattern.compile(
      "(\\w+) has (\\d+) (\\w+)\\. (?:He|She) buys (\\d+) bags with (\\d+) \\w+ in each bag, then"
          + " gives (\\d+) \\w+ to (?:his|her) friend\\. How many \\w+ does \\w+ have now\\?");
  static final Pattern BAKERY = Pattern.compile(
      "A bakery bakes (\\d+) trays of (\\d+) muffins each morning\\. It sells (\\d+) muffins by"
          + " noon and (\\d+) more in the afternoon\\. How many muffins are left at the end of the day\\?");
  static final Pattern FARM = Pattern.compile(
      "A farmer has (\\d+) rows of (\\d+) apple trees\\. Each tree gives (\\d+) apples, and (\\d+)"
          + " apples are bruised and thrown away\\. How many apples does the farmer keep\\?");
  static final Pattern WAGES = Pattern.compile(
      "(\\w+) earns \\$(\\d+) per hour and works (\\d+) hours a week\\. After (\\d+) weeks (?:he|she)"
          + " spends \\$(\\d+) on a bike\\. How many dollars does \\w+ have left\\?");
  static final Pattern FRACTION = Pattern.compile(
      "What is (\\d+)/(\\d+) (plus|minus|times) (\\d+)/(\\d+)\\? Give the answer as a fraction in"
          + " lowest terms\\.");
  static final Pattern FRACTION_OF = Pattern.compile(
      "A jar holds (\\d+) candies\\. (\\w+) eats (\\d+)/(\\d+) of them\\. How many candies does \\w+ eat\\?");
  static final Pattern LINEAR = Pattern.compile(
      "Solve for x: (\\d+)x ([+-]) (\\d+) = (-?\\d+)");
  static final Pattern LINEAR_BOTH = Pattern.compile(
      "Solve for x: (\\d+)x ([+-]) (\\d+) = (\\d+)x ([+-]) (\\d+)");

  /** Which family to propose for an example problem. */
  static Family familyOf(String example) {
    if (example.contains("Solve for x") || example.matches("(?s).*\\d+\\s*x\\s*[+-].*=.*")) {
      return Family.LINEAR;
    }
    if (example.matches("(?s).*\\d+\\s*/\\s*\\d+.*") || example.contains("frac")) {
      return Family.FRACTION;
    }
    return Family.WORD;
  }

  static Solved generate(Family family, SplittableRandom rng) {
    return switch (family) {
      case WORD -> switch (rng.nextInt(4)) {
        case 0 -> marbles(rng);
        case 1 -> bakery(rng);
        case 2 -> farm(rng);
        default -> wages(rng);
      };
      case FRACTION -> rng.nextInt(4) == 0 ? fractionOf(rng) : fraction(rng);
      case LINEAR -> rng.nextInt(3) == 0 ? linearBoth(rng) : linear(rng);
    };
  }

  private static String pronoun(String name) {
    return List.of("Tom", "Ravi", "Omar", "Ken").contains(name) ? "He" : "She";
  }

  private static Solved marbles(SplittableRandom rng) {
    String name = SimRandom.pick(rng, NAMES);
    String item = SimRandom.pick(rng, ITEMS);
    int a = SimRandom.between(rng, 5, 60), b = SimRandom.between(rng, 2, 9);
    int c = SimRandom.between(rng, 3, 12), d = SimRandom.between(rng, 1, a);
    String he = pronoun(name);
    return solve(name + " has " + a + " " + item + ". " + he + " buys " + b + " bags with " + c
        + " " + item + " in each bag, then gives " + d + " " + item + " to "
        + (he.equals("He") ? "his" : "her") + " friend. How many " + item + " does " + name
        + " have now?").orElseThrow();
  }

  private static Solved bakery(SplittableRandom rng) {
    int a = SimRandom.between(rng, 3, 12), b = SimRandom.between(rng, 6, 24);
    int total = a * b;
    int c = SimRandom.between(rng, 1, total / 2), d = SimRandom.between(rng, 1, total - c);
    return solve("A bakery bakes " + a + " trays of " + b + " muffins each morning. It sells " + c
        + " muffins by noon and " + d + " more in the afternoon. How many muffins are left at the"
        + " end of the day?").orElseThrow();
  }

  private static Solved farm(SplittableRandom rng) {
    int a = SimRandom.between(rng, 2, 9), b = SimRandom.between(rng, 3, 15);
    int c = SimRandom.between(rng, 10, 60), d = SimRandom.between(rng, 1, 99);
    return solve("A farmer has " + a + " rows of " + b + " apple trees. Each tree gives " + c
        + " apples, and " + d + " apples are bruised and thrown away. How many apples does the"
        + " farmer keep?").orElseThrow();
  }

  private static Solved wages(SplittableRandom rng) {
    String name = SimRandom.pick(rng, NAMES);
    int a = SimRandom.between(rng, 8, 30), h = SimRandom.between(rng, 5, 40);
    int w = SimRandom.between(rng, 2, 8), s = SimRandom.between(rng, 50, a * h * w - 1);
    return solve(name + " earns $" + a + " per hour and works " + h + " hours a week. After " + w
        + " weeks " + pronoun(name).toLowerCase() + " spends $" + s + " on a bike. How many dollars"
        + " does " + name + " have left?").orElseThrow();
  }

  private static Solved fraction(SplittableRandom rng) {
    String op = SimRandom.pick(rng, new String[] {"plus", "minus", "times"});
    int b = SimRandom.between(rng, 2, 12), d = SimRandom.between(rng, 2, 12);
    int a = SimRandom.between(rng, 1, b - 1), c = SimRandom.between(rng, 1, d - 1);
    return solve("What is " + a + "/" + b + " " + op + " " + c + "/" + d + "? Give the answer as a"
        + " fraction in lowest terms.").orElseThrow();
  }

  private static Solved fractionOf(SplittableRandom rng) {
    String name = SimRandom.pick(rng, NAMES);
    int b = SimRandom.between(rng, 2, 9), a = SimRandom.between(rng, 1, b - 1);
    int n = b * SimRandom.between(rng, 2, 15);
    return solve("A jar holds " + n + " candies. " + name + " eats " + a + "/" + b
        + " of them. How many candies does " + name + " eat?").orElseThrow();
  }

  private static Solved linear(SplittableRandom rng) {
    int a = SimRandom.between(rng, 2, 12), x = SimRandom.between(rng, -10, 20);
    int b = SimRandom.between(rng, 1, 30);
    boolean plus = rng.nextBoolean();
    int c = a * x + (plus ? b : -b);
    return solve("Solve for x: " + a + "x " + (plus ? "+" : "-") + " " + b + " = " + c).orElseThrow();
  }

  private static Solved linearBoth(SplittableRandom rng) {
    int a = SimRandom.between(rng, 3, 12), c = SimRandom.between(rng, 1, a - 1);
    int x = SimRandom.between(rng, 1, 15), b = SimRandom.between(rng, 1, 30);
    int right = (a - c) * x + b; // a x + b = c x + right
    return solve("Solve for x: " + a + "x + " + b + " = " + c + "x + " + right).orElseThrow();
  }

  /** Parses a template problem back and computes its answer; empty if no template matches. */
  static Optional<Solved> solve(String problem) {
    String p = SimRandom.normalise(problem);
    Matcher m;
    if ((m = MARBLES.matcher(p)).matches()) {
      long a = n(m, 2), b = n(m, 4), c = n(m, 5), d = n(m, 6);
      String item = m.group(3);
      return done(p, a + b * c - d, "The bags hold " + b + " * " + c + " = " + (b * c) + " " + item + ".",
          "With the " + a + " at the start that makes " + (a + b * c) + ".",
          "After giving away " + d + ": " + (a + b * c) + " - " + d + " = " + (a + b * c - d) + ".");
    }
    if ((m = BAKERY.matcher(p)).matches()) {
      long t = n(m, 1) * n(m, 2), c = n(m, 3), d = n(m, 4);
      return done(p, t - c - d, "The bakery makes " + n(m, 1) + " * " + n(m, 2) + " = " + t + " muffins.",
          "It sells " + c + " + " + d + " = " + (c + d) + " of them.",
          "Left: " + t + " - " + (c + d) + " = " + (t - c - d) + ".");
    }
    if ((m = FARM.matcher(p)).matches()) {
      long trees = n(m, 1) * n(m, 2), apples = trees * n(m, 3), d = n(m, 4);
      return done(p, apples - d, "There are " + n(m, 1) + " * " + n(m, 2) + " = " + trees + " trees.",
          "They give " + trees + " * " + n(m, 3) + " = " + apples + " apples.",
          "Keeping all but " + d + ": " + apples + " - " + d + " = " + (apples - d) + ".");
    }
    if ((m = WAGES.matcher(p)).matches()) {
      long week = n(m, 2) * n(m, 3), total = week * n(m, 4), s = n(m, 5);
      return done(p, total - s, "Each week pays " + n(m, 2) + " * " + n(m, 3) + " = " + week + " dollars.",
          "Over " + n(m, 4) + " weeks that is " + total + " dollars.",
          "After the bike: " + total + " - " + s + " = " + (total - s) + ".");
    }
    if ((m = FRACTION.matcher(p)).matches()) {
      Fraction x = new Fraction(n(m, 1), n(m, 2)), y = new Fraction(n(m, 4), n(m, 5));
      Fraction r = switch (m.group(3)) {
        case "plus" -> x.plus(y);
        case "minus" -> x.minus(y);
        default -> x.times(y);
      };
      return done(p, r.toString(), List.of("Bring both fractions to the denominator "
          + (n(m, 2) * n(m, 5)) + " and combine them.", "Reduce by the greatest common divisor."));
    }
    if ((m = FRACTION_OF.matcher(p)).matches()) {
      long total = n(m, 1), a = n(m, 3), b = n(m, 4);
      return done(p, total * a / b, "One part is " + total + " / " + b + " = " + (total / b) + ".",
          a + " parts are " + a + " * " + (total / b) + " = " + (total * a / b) + ".");
    }
    if ((m = LINEAR_BOTH.matcher(p)).matches()) {
      long a = n(m, 1), b = signed(m, 2, 3), c = n(m, 4), d = signed(m, 5, 6);
      if (a == c || (d - b) % (a - c) != 0) {
        return Optional.empty();
      }
      return done(p, (d - b) / (a - c), "Move the x terms left: " + (a - c) + "x = " + (d - b) + ".",
          "Divide by " + (a - c) + ".");
    }
    if ((m = LINEAR.matcher(p)).matches()) {
      long a = n(m, 1), b = signed(m, 2, 3), c = Long.parseLong(m.group(4));
      Fraction x = new Fraction(c - b, a);
      return done(p, x.toString(), List.of("Subtract " + b + " from both sides: " + a + "x = " + (c - b) + ".",
          "Divide both sides by " + a + "."));
    }
    return Optional.empty();
  }

  private static long n(Matcher m, int group) {
    return Long.parseLong(m.group(group));
  }

  private static long signed(Matcher m, int signGroup, int group) {
    return m.group(signGroup).equals("-") ? -n(m, group) : n(m, group);
  }

  private static Optional<Solved> done(String p, long answer, String... steps) {
    return done(p, Long.toString(answer), List.of(steps));
  }

  private static Optional<Solved> done(String p, String answer, List<String> steps) {
    return Optional.of(new Solved(p, answer, steps));
  }

  /** An exact fraction in lowest terms, printed as {@code p/q} or {@code p}. */
  record Fraction(BigInteger num, BigInteger den) {
    Fraction(long num, long den) {
      this(BigInteger.valueOf(num), BigInteger.valueOf(den));
    }

    Fraction {
      if (den.signum() < 0) {
        num = num.negate();
        den = den.negate();
      }
      BigInteger g = num.gcd(den);
      if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
        num = num.divide(g);
        den = den.divide(g);
      }
    }

    Fraction plus(Fraction o) {
      return new Fraction(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Fraction minus(Fraction o) {
      return plus(new Fraction(o.num.negate(), o.den));
    }

    Fraction times(Fraction o) {
      return new Fraction(num.multiply(o.num), den.multiply(o.den));
    }

    @Override
    public String toString() {
      return den.equals(BigInteger.ONE) ? num.toString() : num + "/" + den;
    }
  }
}

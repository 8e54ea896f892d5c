package dev.assay.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Test-case inputs for {@link CodeTemplates} and their Python literal form. */
final class CodeCases {
  private CodeCases() {}

  private static final String[] PALINDROMES = {"level", "kayak", "civic", "noon", "radar", "rotor", "refer", "madam"};
  private static final String[] NOT_PALINDROMES = {"apple", "river", "stone", "planet", "code", "tiger"};

  /** 2-4 distinct lowercase words; on even cases one word holds {@code mustHave} if it is a letter. */
  static String sentence(SplittableRandom r, String[] words, char mustHave, int i) {
    Set<String> chosen = new LinkedHashSet<>();
    int count = SimRandom.between(r, 2, 4);
    while (chosen.size() < count) {
      chosen.add(SimRandom.pick(r, words));
    }
    List<String> out = new ArrayList<>(chosen);
    if (Character.isLetter(mustHave) && i % 2 == 0) {
      out.set(r.nextInt(out.size()), String.valueOf(mustHave).repeat(SimRandom.between(r, 1, 3)) + "ip");
    }
    return String.join(" ", out);
  }

  /** Even cases are palindromes (capitalised when {@code mixCase}), odd cases are not. */
  static String palindromeCase(SplittableRandom r, String[] words, int i, boolean mixCase) {
    if (i % 2 == 1) {
      return SimRandom.pick(r, NOT_PALINDROMES);
    }
    String p = r.nextBoolean() ? SimRandom.pick(r, PALINDROMES) : mirror(SimRandom.pick(r, words));
    return mixCase ? Character.toUpperCase(p.charAt(0)) + p.substring(1) : p;
  }

  private static String mirror(String w) {
    return w + new StringBuilder(w).reverse();
  }

  static long palNumber(SplittableRandom r) {
    String half = Long.toString(r.nextLong(1, 1000));
    return Long.parseLong(half + new StringBuilder(half).reverse());
  }

  /** Python literal of a Long, Boolean, String (letters and spaces only) or List. */
  static String literal(Object o) {
    if (o instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (o instanceof String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (o instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object x : list) {
        parts.add(literal(x));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(o);
  }

  // ---- Java references for the tasks' expected values ----

  static Object[] pairWithFactor(SplittableRandom r) {
    long f = SimRandom.between(r, 1, 12);
    return new Object[] {f * SimRandom.between(r, 1, 30), f * SimRandom.between(r, 1, 30)};
  }

  static List<Long> listWithFactor(SplittableRandom r) {
    long f = SimRandom.between(r, 1, 9);
    List<Long> xs = new ArrayList<>();
    for (int i = SimRandom.between(r, 2, 5); i > 0; i--) {
      xs.add(f * SimRandom.between(r, 1, 20));
    }
    return xs;
  }

  static List<Long> randomList(SplittableRandom r) {
    List<Long> xs = new ArrayList<>();
    for (int i = SimRandom.between(r, 3, 7); i > 0; i--) {
      xs.add((long) SimRandom.between(r, -20, 40));
    }
    return xs;
  }

  static long sumWhere(long n, long from, long k) {
    long s = 0;
    for (long i = from; i <= n; i++) {
      s += i % k == 0 ? i : 0;
    }
    return s;
  }

  static long sumPow(long n, int p) {
    long s = 0;
    for (long i = 1; i <= n; i++) {
      s += p == 2 ? i * i : i * i * i;
    }
    return s;
  }

  static long lucasLike(long n, long a, long b, long mod) {
    for (long i = 0; i < n; i++) {
      long next = mod > 0 ? (a + b) % mod : a + b;
      a = b;
      b = next;
    }
    return a;
  }

  static List<String> reversed(List<String> words) {
    List<String> out = new ArrayList<>(words);
    java.util.Collections.reverse(out);
    return out;
  }

  static String longest(String s) {
    String best = "";
    for (String w : s.split(" ")) {
      best = w.length() > best.length() ? w : best;
    }
    return best;
  }

  static boolean isPal(String s) {
    return new StringBuilder(s).reverse().toString().equals(s);
  }

  static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  static long listGcd(Object list) {
    long g = 0;
    for (Object o : (List<?>) list) {
      g = gcd(g, (long) o);
    }
    return g;
  }
}

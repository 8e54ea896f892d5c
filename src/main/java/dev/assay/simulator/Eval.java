package dev.assay.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Java twins of the {@link CodeReasoning} functions: evaluation with CPython's results (an
 * IllegalArgumentException where CPython raises) and a candidate inverse per family.
 */
final class Eval {
  private Eval() {}

  static Object apply(CodeReasoning.Fn fn, Object x) {
    return switch (fn.family()) {
      case AFFINE -> num(x) * fn.p(0) + fn.p(1);
      case DIGIT_SUM -> {
        String digits = Long.toString(num(x));
        if (digits.startsWith("-")) {
          throw new IllegalArgumentException("int('-') raises");
        }
        yield digits.chars().mapToLong(c -> c - '0').sum();
      }
      case REVERSE -> new StringBuilder(str(x)).reverse().toString();
      case COUNT_VOWELS -> str(x).chars().filter(c -> "aeiou".indexOf(c) >= 0).count();
      case PALINDROME -> str(x).equals(new StringBuilder(str(x)).reverse().toString());
      case SUM_SQUARES -> nums(x).stream().mapToLong(v -> v * v).sum();
      case RUNNING_MAX -> {
        List<Object> out = new ArrayList<>();
        Long best = null;
        for (long v : nums(x)) {
          best = best == null || v > best ? v : best;
          out.add(best);
        }
        yield out;
      }
      case SORT_DESC -> {
        List<Long> sorted = new ArrayList<>(nums(x));
        sorted.sort(Collections.reverseOrder());
        yield new ArrayList<Object>(sorted);
      }
      case DEDUPE -> new ArrayList<Object>(nums(x).stream().distinct().toList());
      case GREATER -> new ArrayList<Object>(nums(x).stream().filter(v -> v > fn.p(0)).toList());
      case MULTIPLES_SUM -> nums(x).stream().filter(v -> v % fn.p(0) == 0).mapToLong(Long::longValue).sum();
    };
  }

  /** A candidate input for output {@code y}; the caller checks it with {@link #apply}. */
  static Optional<Object> invert(CodeReasoning.Fn fn, Object y) {
    try {
      return Optional.ofNullable(switch (fn.family()) {
        case AFFINE -> Math.floorMod(num(y) - fn.p(1), fn.p(0)) == 0 ? (num(y) - fn.p(1)) / fn.p(0) : null;
        case DIGIT_SUM -> num(y) < 0 || num(y) > 162 ? null : digitsSumming(num(y));
        case REVERSE -> new StringBuilder(str(y)).reverse().toString();
        case COUNT_VOWELS -> num(y) < 0 || num(y) > 10_000 ? null : num(y) == 0 ? "xyz" : "a".repeat((int) num(y));
        case PALINDROME -> (Boolean) y ? "level" : "ab";
        case SUM_SQUARES -> num(y) < 0 ? null : squaresSumming(num(y));
        case MULTIPLES_SUM -> new ArrayList<Object>(List.of(num(y)));
        case RUNNING_MAX, SORT_DESC, DEDUPE, GREATER -> new ArrayList<Object>(nums(y));
      });
    } catch (IllegalArgumentException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** A value of the same type that differs from {@code v}; {@code k} picks among a few. */
  static Object mutate(Object v, int k) {
    if (v instanceof Boolean b) {
      return !b;
    }
    if (v instanceof Long n) {
      return n + 1 + k;
    }
    if (v instanceof String s) {
      return k % 2 == 0 ? s + "x" : s.isEmpty() ? "q" : s.substring(1);
    }
    List<Object> list = new ArrayList<>(v instanceof List<?> l ? l : List.of());
    if (k % 2 == 0 || list.isEmpty()) {
      list.add(list.stream().mapToLong(o -> o instanceof Long n ? n : 0).max().orElse(0) + 7 + k);
    } else {
      list.remove(list.size() - 1);
    }
    return list;
  }

  private static long digitsSumming(long y) {
    StringBuilder s = new StringBuilder(y % 9 == 0 ? "" : Long.toString(y % 9));
    s.append("9".repeat((int) (y / 9)));
    return s.isEmpty() ? 0 : Long.parseLong(s.toString());
  }

  private static List<Object> squaresSumming(long y) {
    List<Object> out = new ArrayList<>();
    for (long rem = y; rem > 0 && out.size() < 1000; ) {
      long r = (long) Math.sqrt((double) rem);
      while (r * r > rem) {
        r--;
      }
      out.add(r);
      rem -= r * r;
    }
    return out;
  }

  private static long num(Object x) {
    if (x instanceof Long n) {
      return n;
    }
    throw new IllegalArgumentException("not an int: " + PyLiteral.repr(x));
  }

  private static String str(Object x) {
    if (x instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("not a str: " + PyLiteral.repr(x));
  }

  private static List<Long> nums(Object x) {
    if (!(x instanceof List<?> list)) {
      throw new IllegalArgumentException("not a list: " + PyLiteral.repr(x));
    }
    List<Long> out = new ArrayList<>();
    for (Object o : list) {
      out.add(num(o));
    }
    return out;
  }
}

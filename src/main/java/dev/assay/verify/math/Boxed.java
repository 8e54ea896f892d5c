package dev.assay.verify.math;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds {@code \boxed{...}} / {@code \fbox{...}} with nested braces. The last box wins; boxes just
 * before it are joined into one list answer when only a connector separates them
 * ({@code \boxed{1}, \boxed{2}}, {@code \boxed{6} and \boxed{8}}).
 */
final class Boxed {
  private Boxed() {}

  /** One box: its content and span (start of the command, end after the closing brace). */
  record Box(String content, int start, int end) {}

  private static final Pattern CONNECTOR = Pattern.compile(
      "(?s)[\\s$,;.]*|.{0,40}?(?:\\band\\b|\\bor\\b|,|;|\\\\quad).{0,40}?");
  private static final Pattern JUST_SPACE = Pattern.compile("[\\s$\\\\()\\[\\]quad]*");

  static List<Box> all(String s, Budget b) {
    List<Box> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int i = next(s, from);
      if (i < 0) {
        return out;
      }
      int open = s.indexOf('{', i);
      int cmdEnd = s.charAt(i + 1) == 'b' ? i + 6 : i + 5;
      if (open < 0 || !s.substring(cmdEnd, open).isBlank()) {
        from = cmdEnd;
        continue;
      }
      int close = close(s, open, b);
      if (close < 0) {
        return out;
      }
      out.add(new Box(s.substring(open + 1, close), i, close + 1));
      from = close + 1;
    }
  }

  private static int next(String s, int from) {
    int a = s.indexOf("\\boxed", from);
    int c = s.indexOf("\\fbox", from);
    if (a < 0) {
      return c;
    }
    return c < 0 ? a : Math.min(a, c);
  }

  static int close(String s, int open, Budget b) {
    int d = 0;
    for (int i = open; i < s.length(); i++) {
      b.tick();
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        d++;
      } else if (c == '}' && --d == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The answer group that ends with the last box, or empty. */
  static List<Box> lastGroup(String s, Budget b) {
    return lastGroup(s, all(s, b));
  }

  /** The group that ends with the last of {@code all} (boxes of {@code s}, in order), or empty. */
  static List<Box> lastGroup(String s, List<Box> all) {
    if (all.isEmpty()) {
      return all;
    }
    int k = all.size() - 1;
    while (k > 0) {
      String between = s.substring(all.get(k - 1).end(), all.get(k).start());
      String plain = between.replaceAll("\\\\text\\{([^}]*)\\}", "$1");
      boolean sameEnv = between.indexOf('$') < 0 && dollarsBefore(s, all.get(k - 1).start()) % 2 == 1;
      if (!sameEnv && (between.length() > 80 || !(JUST_SPACE.matcher(plain).matches() || CONNECTOR.matcher(plain).matches()))) {
        break;
      }
      k--;
    }
    return all.subList(k, all.size());
  }

  private static int dollarsBefore(String s, int end) {
    int n = 0;
    for (int i = 0; i < end; i++) {
      if (s.charAt(i) == '$' && (i == 0 || s.charAt(i - 1) != '\\')) {
        n++;
      }
    }
    return n;
  }

  /** Replaces every box inside a LaTeX piece by its content, boxes joined by commas. */
  static String unbox(String s, Budget b) {
    List<Box> all = all(s, b);
    if (all.isEmpty()) {
      return s;
    }
    if (all.size() == 1) {
      Box x = all.get(0);
      return s.substring(0, x.start()) + x.content() + s.substring(x.end());
    }
    StringBuilder sb = new StringBuilder();
    for (Box x : all) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(x.content());
    }
    return sb.toString();
  }
}

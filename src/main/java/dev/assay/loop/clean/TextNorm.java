package dev.assay.loop.clean;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one text normalisation every cleaning step shares (exact dedup, shingles, benchmark
 * n-grams, solution diversity), so that two texts that differ only in case, spacing,
 * punctuation or Unicode form compare equal.
 *
 * <p>Rules: Unicode NFKC, lower case; a word is a run of letters, digits and {@code _}; an
 * apostrophe between two letters is dropped ({@code don't -> dont}, {@code Janet’s -> janets});
 * a {@code .} between digits stays in the number ({@code 2.5}); a {@code ,} between a digit and
 * exactly three digits is a thousands separator and is dropped ({@code 7,425 -> 7425}); every
 * other character separates words. Digits are kept, so {@code 16} and {@code 17} differ.
 */
public final class TextNorm {
  private TextNorm() {}

  /** The words of {@code s} joined by single spaces ("" for null or a text without words). */
  public static String normalise(String s) {
    return String.join(" ", words(s));
  }

  /** The normalised words of {@code s}, in order (empty for null). */
  public static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    if (s == null || s.isEmpty()) {
      return out;
    }
    String t = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder w = new StringBuilder();
    int n = t.length();
    for (int i = 0; i < n; ) {
      int cp = t.codePointAt(i);
      int len = Character.charCount(cp);
      if (isWordChar(cp)) {
        w.appendCodePoint(cp);
      } else if (w.length() > 0 && keepsWordTogether(t, i, cp, w)) {
        if (cp == '.') {
          w.append('.');
        }
      } else if (w.length() > 0) {
        out.add(w.toString());
        w.setLength(0);
      }
      i += len;
    }
    if (w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp) || cp == '_';
  }

  /** Whether the separator-like char at {@code i} joins the word before it with what follows. */
  private static boolean keepsWordTogether(String t, int i, int cp, StringBuilder w) {
    int prev = w.codePointBefore(w.length());
    int next = i + 1 < t.length() ? t.codePointAt(i + 1) : -1;
    return switch (cp) {
      case '\'', '\u2019', '\u2018', '\u02bc' -> Character.isLetter(prev) && next >= 0 && Character.isLetter(next);
      case '.' -> Character.isDigit(prev) && next >= 0 && Character.isDigit(next);
      case ',' -> Character.isDigit(prev) && threeDigitsThenEnd(t, i + 1);
      default -> false;
    };
  }

  private static boolean threeDigitsThenEnd(String t, int from) {
    if (from + 3 > t.length()) {
      return false;
    }
    for (int k = from; k < from + 3; k++) {
      if (!Character.isDigit(t.charAt(k))) {
        return false;
      }
    }
    return from + 3 == t.length() || !Character.isLetterOrDigit(t.charAt(from + 3));
  }
}

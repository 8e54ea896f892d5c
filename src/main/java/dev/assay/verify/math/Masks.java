package dev.assay.verify.math;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a model's text that never hold its final answer: fenced code blocks (an unclosed
 * fence runs to the end), inline code, double-quoted strings on one line ({@code "..."} with
 * backslash escapes, and {@code “...”}), and JSON- or Python-dict-like objects ({@code {"key":
 * ...}} or {@code {'key': ...}} not attached to a LaTeX command). A number or a box that starts
 * inside one of these spans was written as data, code or a quotation, not as the answer. Not
 * thread-safe: one instance serves one check.
 */
final class Masks {
  private static final Pattern FENCE = Pattern.compile(
      "(?m)^[ \\t]*(`{3,}|~{3,})[^\\n]*(?:\\n|\\z)(?s:.*?)(?:^[ \\t]*\\1[ \\t]*$|\\z)");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]+`");
  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|“[^”\\n]*”");
  private static final Pattern OBJECT_KEY = Pattern.compile("\\s*[\"']?[A-Za-z_][\\w ]{0,40}[\"']?\\s*:");

  private final String text;
  private final Budget budget;
  private final boolean data;
  private int[] starts;
  private int[] ends;

  private Masks(String text, Budget budget, boolean data) {
    this.text = text;
    this.budget = budget;
    this.data = data;
  }

  /** The masked spans of {@code text}, found on the first {@link #covers} call. */
  static Masks of(String text, Budget b) {
    return of(text, b, true);
  }

  /** Code spans only, or (with {@code data}) code, quoted strings and objects; found lazily. */
  static Masks of(String text, Budget b, boolean data) {
    return new Masks(text, b, data);
  }

  /** Finds the spans; cheap when the text has no backtick, tilde fence, quote or object key. */
  private void find() {
    List<int[]> spans = new ArrayList<>();
    CharSequence g = Budget.guard(text, budget);
    if (text.contains("```") || text.contains("~~~")) {
      add(FENCE.matcher(g), spans);
    }
    if (text.indexOf('`') >= 0) {
      add(INLINE_CODE.matcher(g), spans);
    }
    if (data && (text.indexOf('"') >= 0 || text.indexOf('“') >= 0)) {
      add(QUOTED.matcher(g), spans);
    }
    if (data && text.indexOf('{') >= 0 && text.indexOf(':') >= 0) {
      objects(text, budget, spans);
    }
    spans.sort((x, y) -> Integer.compare(x[0], y[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] sp : spans) {
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && sp[0] <= last[1]) {
        last[1] = Math.max(last[1], sp[1]);
      } else {
        merged.add(new int[] {sp[0], sp[1]});
      }
    }
    starts = new int[merged.size()];
    ends = new int[merged.size()];
    for (int i = 0; i < merged.size(); i++) {
      starts[i] = merged.get(i)[0];
      ends[i] = merged.get(i)[1];
    }
  }

  private static void add(Matcher m, List<int[]> spans) {
    while (m.find()) {
      if (m.end() > m.start()) {
        spans.add(new int[] {m.start(), m.end()});
      }
    }
  }

  /** {@code {"key": ...}} spans whose brace does not open a LaTeX argument. */
  private static void objects(String s, Budget b, List<int[]> spans) {
    for (int i = s.indexOf('{'); i >= 0; i = s.indexOf('{', i + 1)) {
      b.tick();
      int p = i - 1;
      while (p >= 0 && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
        p--;
      }
      if (p >= 0 && latexArgument(s, p) || !OBJECT_KEY.matcher(s).region(i + 1, s.length()).lookingAt()) {
        continue;
      }
      int close = closeObject(s, i, b);
      spans.add(new int[] {i, close < 0 ? s.length() : close + 1});
      if (close < 0) {
        return;
      }
      i = close;
    }
  }

  /** Whether the brace after {@code s[p]} opens an argument: after a backslash, ^, _, } or a command name. */
  private static boolean latexArgument(String s, int p) {
    char c = s.charAt(p);
    if (c == '\\' || c == '^' || c == '_' || c == '}') {
      return true;
    }
    int q = p;
    while (q >= 0 && Character.isLetter(s.charAt(q))) {
      q--;
    }
    return q < p && q >= 0 && s.charAt(q) == '\\';
  }

  /** The matching close brace, skipping braces inside quoted strings; -1 when unbalanced. */
  private static int closeObject(String s, int open, Budget b) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < s.length(); i++) {
      b.tick();
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code pos} lies inside a masked span. */
  boolean covers(int pos) {
    if (starts == null) {
      find();
    }
    int lo = 0;
    int hi = starts.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (pos < starts[mid]) {
        hi = mid - 1;
      } else if (pos >= ends[mid]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }
}

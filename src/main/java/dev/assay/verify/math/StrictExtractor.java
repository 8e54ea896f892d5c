package dev.assay.verify.math;

import dev.assay.verify.math.Extractor.Extraction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict extraction ({@link ExtractionMode#STRICT}): a prediction's final answer is read only from
 * the place its prompt asked for ({@link AnswerFormat}), never guessed from the rest of the text.
 * A false positive puts a wrong sample into training data, so every doubt ends as "no answer"
 * or "parse error", never as a number picked from elsewhere. The rule, exactly:
 *
 * <ol>
 *   <li><b>Masked text.</b> Fenced and inline code, double-quoted strings and JSON- or dict-like
 *       objects ({@link Masks}) never hold the answer: a box or statement that starts inside one
 *       is ignored. (A regex place skips code only, since a template may point it at quoted
 *       JSON on purpose.)
 *   <li><b>Places.</b> A box is {@code \boxed{..}} or {@code \fbox{..}}; boxes separated only by
 *       a connector ("and", a comma) make one list answer. A final-answer statement is the word
 *       "answer" (also "final answer", "answer to the problem/question") followed by "is", ":"
 *       or "=", or a line that starts with {@code ####}. Its value runs to the end of the line
 *       (the next line when the rest of the line is empty) or to the first '.', '!', ';' that is
 *       followed by a space and not inside {@code $..$}, braces or quotes; a statement ending in
 *       '?' is a question, not an answer, and a value longer than 500 characters is not one
 *       either. A regex place's value is the format's one group.
 *   <li><b>Choice.</b> Of every box, every statement whose value is an answer (rule 5) and every
 *       regex match that the format allows, the one that starts last wins: a model that changes
 *       its mind is read at its last word. None: {@code no_answer} with detail {@code format}.
 *   <li><b>Clean-up.</b> Markdown emphasis ({@code *}, {@code _}) at either end, then one pair of
 *       quotes or backticks, then {@code $..$}, {@code \(..\)} or {@code \[..\]} are removed: so
 *       {@code The answer is "42"} gives 42.
 *   <li><b>Math, not prose.</b> After {@code \text{..}}-style arguments are unwrapped and LaTeX
 *       commands, function names (sin, log, ...), "and"/"or" and unit words right after a
 *       number (cm, dollars, ...) dropped, an English word is a run of three letters or more,
 *       or a two-letter word such as "is", "if", "so" (not a product such as {@code xy}, and
 *       not letters right after a digit such as {@code 2xyz}). A statement's value is an answer
 *       when it has no English word, or is one word and nothing else (a name such as Evelyn,
 *       but not a word that judges an answer: "so our answer is correct");
 *       otherwise ("The answer is not 5 but 7", "If the answer is 5, then ...") it is not a
 *       statement at all. A box or regex value is the answer even so, but one with digits and
 *       an English word ({@code \boxed{\text{not } 5}}) is a {@code parse_error}; one without
 *       digits ({@code \boxed{\text{no solution}}}) is compared as written.
 * </ol>
 */
final class StrictExtractor {
  private StrictExtractor() {}

  private static final Pattern STATEMENT = Pattern.compile(
      "(?im)(?<![A-Za-z])(?:final\\s+)?answer(?:\\s+to\\s+(?:the|this)\\s+(?:problem|question))?(?![A-Za-z])"
          + "\\**[ \\t]*(?:is(?![A-Za-z])[ \\t]*:?|:|=)[ \\t]*|^[ \\t]*####[ \\t]*");
  private static final Pattern TEXT_ARG = Pattern.compile(
      "\\\\(?:text|mbox|mathrm|textbf|textit|textnormal|operatorname)\\s*\\{([^{}]*)\\}");
  private static final Pattern COMMAND = Pattern.compile("\\\\(?:begin|end)\\{[A-Za-z*]+\\}|\\\\[A-Za-z]+");
  private static final Pattern UNIT = Pattern.compile("(?<=[\\d}$])\\s*(?:" + Normalizer.UNITS + ")(?![A-Za-z])");
  private static final Pattern WORD = Pattern.compile("(?<![\\dA-Za-z])[A-Za-z]{2,}");
  private static final Set<String> MATH_WORDS = Set.of("sin", "cos", "tan", "cot", "sec", "csc", "log",
      "ln", "exp", "sqrt", "pi", "frac", "dfrac", "tfrac", "infty", "inf", "arcsin", "arccos", "arctan",
      "sinh", "cosh", "tanh", "mod", "gcd", "lcm", "max", "min", "det", "and", "or");
  private static final Set<String> SHORT_WORDS = Set.of("is", "if", "of", "to", "so", "no", "be", "by",
      "as", "at", "on", "an", "it", "we", "am", "do", "us", "my", "he", "me");

  /** One-word statement values that judge an answer ("so our answer is correct") rather than give one. */
  private static final Set<String> JUDGEMENTS = Set.of("correct", "incorrect", "right", "wrong", "valid",
      "invalid", "reasonable", "consistent", "confirmed", "verified", "checked", "above", "below", "same",
      "clear", "obvious", "unclear", "plausible", "sensible");

  /** The longest statement value read; a longer one is prose, not a final answer. */
  static final int MAX_VALUE = 500;

  /** A place found: where it starts, its cleaned value pieces, and whether it is a statement. */
  private record Found(int start, List<String> pieces, boolean statement) {}

  /** The answer in the asked-for place, or null when the text has no such place. */
  static Extraction extract(String text, AnswerFormat f, Budget b) {
    Found best = null;
    if (f.place() == AnswerFormat.Place.REGEX) {
      best = regex(text, f.pattern(), Masks.of(text, b, false), b);
    } else {
      Masks masks = Masks.of(text, b);
      if (f.boxes()) {
        best = box(text, masks, b);
      }
      if (f.lines()) {
        Found s = statement(text, masks, b);
        best = best == null || s != null && s.start() > best.start() ? s : best;
      }
    }
    if (best == null) {
      return null;
    }
    return best.statement() ? Extractor.pieces(best.pieces(), true, b) : answer(best.pieces(), b);
  }

  private static Found box(String text, Masks masks, Budget b) {
    if (!text.contains("\\boxed") && !text.contains("\\fbox")) {
      return null;
    }
    List<Boxed.Box> open = new ArrayList<>();
    for (Boxed.Box x : Boxed.all(text, b)) {
      if (!masks.covers(x.start())) {
        open.add(x);
      }
    }
    List<Boxed.Box> group = Boxed.lastGroup(text, open);
    if (group.isEmpty()) {
      return null;
    }
    return new Found(group.get(0).start(), group.stream().map(x -> clean(x.content())).toList(), false);
  }

  private static Found statement(String text, Masks masks, Budget b) {
    if (!MathChecker.containsIgnoreCase(text, "answer") && !text.contains("####")) {
      return null;
    }
    Matcher m = STATEMENT.matcher(Budget.guard(text, b));
    Found last = null;
    while (m.find()) {
      if (masks.covers(m.start())) {
        continue;
      }
      String v = value(text, m.end(), b);
      if (v != null) {
        v = clean(v);
        if (!v.isEmpty() && !proseStatement(v)) {
          last = new Found(m.start(), List.of(v), true);
        }
      }
    }
    return last;
  }

  private static Found regex(String text, Pattern p, Masks masks, Budget b) {
    Matcher m = p.matcher(Budget.guard(text, b));
    Found last = null;
    while (m.find()) {
      if (m.group(1) != null && !masks.covers(m.start())) {
        last = new Found(m.start(), List.of(clean(m.group(1))), false);
      }
    }
    return last;
  }

  /** Box or regex pieces: prose or nothing is a parse error (null answer), else parsed. */
  private static Extraction answer(List<String> pieces, Budget b) {
    for (String piece : pieces) {
      if (piece.isEmpty() || prose(piece)) {
        return new Extraction(null, String.join(", ", pieces));
      }
    }
    return Extractor.pieces(pieces, true, b);
  }

  /**
   * A statement's value from {@code from}: to the line's end or first sentence end; null for a
   * question, or when that is more than {@link #MAX_VALUE} characters away (not a final answer).
   */
  static String value(String t, int from, Budget b) {
    int eol = t.indexOf('\n', from);
    if (eol >= 0 && t.substring(from, eol).isBlank()) {
      from = eol + 1;
      eol = t.indexOf('\n', from);
    }
    int end = eol < 0 ? t.length() : eol;
    if (end - from > MAX_VALUE) {
      end = from + MAX_VALUE + 1;
    }
    int depth = 0;
    boolean math = false;
    char quote = 0;
    for (int i = from; i < end; i++) {
      b.tick();
      char c = t.charAt(i);
      if (c == '\\' && i + 1 < end) {
        char n = t.charAt(++i);
        depth += n == '(' || n == '[' ? 1 : n == ')' || n == ']' ? -1 : 0;
      } else if (quote != 0) {
        quote = c == quote || quote == '“' && c == '”' ? 0 : quote;
      } else if (c == '"' || c == '“' || c == '`') {
        quote = c;
      } else if (c == '$') {
        math = !math;
      } else if (c == '{' || c == '}') {
        depth += c == '{' ? 1 : -1;
      } else if (!math && depth <= 0 && ".!?;".indexOf(c) >= 0
          && (i + 1 == end || Character.isWhitespace(t.charAt(i + 1)))) {
        return c == '?' ? null : t.substring(from, i);
      }
    }
    return end - from > MAX_VALUE ? null : t.substring(from, end);
  }

  /** Removes emphasis, one pair of quotes or backticks, and math delimiters around the whole value. */
  static String clean(String v) {
    String s = emphasis(v.strip());
    s = emphasis(Extractor.unquote(s).strip());
    for (String[] d : new String[][] {{"$$", "$$"}, {"$", "$"}, {"\\(", "\\)"}, {"\\[", "\\]"}}) {
      if (s.length() > d[0].length() + d[1].length() && s.startsWith(d[0]) && s.endsWith(d[1])) {
        String in = s.substring(d[0].length(), s.length() - d[1].length());
        if (!in.contains(d[0]) && !in.contains(d[1])) {
          s = in.strip();
          break;
        }
      }
    }
    return s;
  }

  private static final Pattern EMPHASIS = Pattern.compile("^[*_]+\\s*|\\s*[*_]+$");

  private static String emphasis(String s) {
    return EMPHASIS.matcher(s).replaceAll("");
  }

  /** Rule 5 for a box or regex value: prose when it has digits and an English word. */
  static boolean prose(String v) {
    String t = words(v);
    return hasDigit(t) && proseWords(t).size() > 0;
  }

  /** Rule 5 for a statement: prose unless it has no English word, or is one word and nothing else. */
  static boolean proseStatement(String v) {
    String t = words(v);
    List<String> w = proseWords(t);
    if (w.size() != 1) {
      return w.size() > 1;
    }
    String word = w.get(0);
    return hasDigit(t) || JUDGEMENTS.contains(word.toLowerCase(Locale.ROOT))
        || !t.replace(word, "").replaceAll("[\\s(){}\\[\\].,*]", "").isEmpty();
  }

  /** The value with text arguments unwrapped and commands and units after numbers dropped. */
  private static String words(String v) {
    String t = TEXT_ARG.matcher(v).replaceAll(" $1 ");
    t = COMMAND.matcher(t).replaceAll(" ");
    return UNIT.matcher(t).replaceAll(" ");
  }

  private static boolean hasDigit(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isDigit(t.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> proseWords(String t) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(t);
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (!MATH_WORDS.contains(w) && (w.length() > 2 || SHORT_WORDS.contains(w))) {
        out.add(m.group());
      }
    }
    return out;
  }
}

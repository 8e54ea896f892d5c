package dev.assay.verify.math;

import dev.assay.verify.math.Extractor.Extraction;
import dev.assay.verify.math.Node.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a model's math answer against a gold answer. Thread-safe: its only state is a bounded
 * concurrent cache of parsed golds (immutable trees), so one instance serves every thread. A gold
 * is read as a bare answer when it has no markup, else like a prediction. Every check is bounded by
 * {@link MathOptions#timeoutMs()} through a step budget polled inside the regex matching, parser
 * and evaluator (no threads, no signals); when it runs out the result is
 * {@link MathReason#TIMEOUT}. The prediction's answer is found by {@link MathOptions#extraction()}:
 * lenient (Math-Verify's patterns, {@link Extractor}) or strict (only the asked-for place,
 * {@link StrictExtractor}; a missing place is {@code no_answer} with detail {@code format}).
 */
public final class MathChecker {
  public static final String VERSION = "math/1";

  private static final Pattern LETTER = Pattern.compile(
      "(?i:answer)[^A-Za-z0-9]{0,12}(?:is|:)?[\\s:*]*\\(?\\**(?:\\\\text\\{)?\\(?([A-E])\\)?\\}?\\)?(?![A-Za-z])"
          + "|\\\\boxed\\{\\s*(?:\\\\text(?:bf)?\\{)?\\s*\\(?([A-E])\\)?\\s*\\}?\\s*\\}"
          + "|^[\\s*($]*([A-E])[\\s*).$]*$");

  private MathChecker() {}

  public static MathChecker create() {
    return new MathChecker();
  }

  /**
   * Compares {@code pred} (usually a whole model answer) with {@code gold} (a bare answer such as
   * {@code \frac{1}{2}}, or a whole reference solution). Never throws for bad input: unusable
   * input comes back as {@code no_answer} or {@code parse_error}.
   */
  public MathCheck check(String gold, String pred, MathOptions opts) {
    MathOptions o = opts == null ? MathOptions.defaults() : opts;
    Budget budget = new Budget(o.timeoutMs());
    Extraction g = null;
    Extraction p = null;
    try {
      g = cachedGold(gold == null ? "" : gold, o.mode(), budget);
      boolean strictExtraction = o.extraction() == ExtractionMode.STRICT;
      p = prediction(pred == null ? "" : pred, o, budget);
      if (o.mode() == MatchMode.AUTO && g.node() != null && isLetter(g.node())) {
        p = strictExtraction ? strictLetter(p) : letter(pred == null ? "" : pred, p, budget);
      }
      if (g.text().isEmpty() && g.node() == null) {
        return new MathCheck(false, MathReason.NO_ANSWER, "", p.text());
      }
      if (p.text().isEmpty() && p.node() == null) {
        return new MathCheck(false, MathReason.NO_ANSWER, g.text(), "", strictExtraction ? MathCheck.FORMAT : "");
      }
      if (compare(g, p, o, budget)) {
        return new MathCheck(true, MathReason.EQUAL, g.text(), p.text());
      }
      boolean parsed = g.node() != null && p.node() != null;
      return new MathCheck(false, parsed ? MathReason.NOT_EQUAL : MathReason.PARSE_ERROR, g.text(), p.text());
    } catch (Budget.Exceeded e) {
      return new MathCheck(false, MathReason.TIMEOUT, g == null ? "" : g.text(), p == null ? "" : p.text());
    } catch (StackOverflowError | RuntimeException e) {
      return new MathCheck(false, MathReason.PARSE_ERROR, g == null ? "" : g.text(), p == null ? "" : p.text());
    }
  }

  /** The final answer found in {@code text} by lenient extraction, normalised, or empty. */
  public Optional<String> extract(String text, MatchMode mode) {
    return extract(text, MathOptions.defaults().withMode(mode));
  }

  /** The final answer found in {@code text} with these options' extraction, normalised, or empty. */
  public Optional<String> extract(String text, MathOptions opts) {
    try {
      Extraction x = prediction(text == null ? "" : text, opts, new Budget(opts.timeoutMs()));
      return x.text().isEmpty() ? Optional.empty() : Optional.of(x.text());
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty();
    }
  }

  private static Extraction prediction(String text, MathOptions o, Budget b) {
    if (o.extraction() == ExtractionMode.STRICT) {
      Extraction x = StrictExtractor.extract(text, o.format(), b);
      return x == null ? new Extraction(null, "") : x;
    }
    return answer(text, o.mode(), b);
  }

  private static int boxedPriority(MatchMode mode) {
    return mode == MatchMode.AUTO ? 50 : 0;
  }

  private static Extraction answer(String raw, MatchMode mode, Budget b) {
    String text = Extractor.unquote(raw);
    if (mode == MatchMode.AUTO && looksBare(text)) {
      String norm = Normalizer.latex(text);
      Node n = Extractor.tryParse(norm, b);
      if (n != null) {
        return new Extraction(n, norm, true);
      }
    }
    return Extractor.extract(raw, mode, boxedPriority(mode), b);
  }

  /** A bare answer such as {@code \frac{3}{4}i}: no markup and no prose words. */
  /** Math delimiters, boxes, {@code ####} or the word "answer" (an escaped {@code \\$} is not markup). */
  private static boolean hasMarkup(String t) {
    for (int i = t.indexOf('$'); i >= 0; i = t.indexOf('$', i + 1)) {
      if (i == 0 || t.charAt(i - 1) != '\\') {
        return true;
      }
    }
    return t.contains("\\boxed") || t.contains("\\fbox") || t.contains("\\(") || t.contains("\\[")
        || t.contains("####") || containsIgnoreCase(t, "answer");
  }

  static boolean containsIgnoreCase(String t, String word) {
    int n = word.length();
    for (int i = 0; i + n <= t.length(); i++) {
      if (t.regionMatches(true, i, word, 0, n)) {
        return true;
      }
    }
    return false;
  }

  static boolean looksBare(String text) {
    if (text.length() > 300 || hasMarkup(text)) {
      return false;
    }
    String t = COMMAND.matcher(TEXT_ARG.matcher(text).replaceAll(" ")).replaceAll(" ");
    t = COMMAND_WORD.matcher(t).replaceAll(" ");
    return !PROSE.matcher(t).find();
  }

  private static final Pattern TEXT_ARG = Pattern.compile("\\\\(?:text|mbox|mathrm|textbf|textnormal)\\s*\\{[^}]*\\}");
  private static final Pattern COMMAND = Pattern.compile("\\\\(?:begin|end)\\{[A-Za-z*]+\\}|\\\\[A-Za-z]+");
  private static final Pattern COMMAND_WORD = Pattern.compile("(?<![A-Za-z])(?:[dt]?frac|sqrt|infty)(?![A-Za-z])");
  private static final Pattern PROSE = Pattern.compile("[A-Za-z]{3,}|[A-Za-z]{2,}\\s+[A-Za-z]{2,}");

  private static final int GOLD_CACHE_SIZE = 4096;
  private final java.util.concurrent.ConcurrentHashMap<GoldKey, Extraction> goldCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record GoldKey(String gold, MatchMode mode) {}

  /** A gold is usually checked against many candidates: its parse is cached (trees are immutable). */
  private Extraction cachedGold(String gold, MatchMode mode, Budget b) {
    GoldKey key = new GoldKey(gold, mode);
    Extraction x = goldCache.get(key);
    if (x == null) {
      x = gold(gold, mode, b);
      if (goldCache.size() >= GOLD_CACHE_SIZE) {
        goldCache.clear();
      }
      goldCache.put(key, x);
    }
    return x;
  }

  private static Extraction gold(String gold, MatchMode mode, Budget b) {
    if (mode == MatchMode.AUTO && looksBare(gold)) {
      String norm = Normalizer.latex(gold);
      Node n = Extractor.tryParse(norm, b);
      if (n != null) {
        return new Extraction(n, norm, true);
      }
    }
    Extraction x = Extractor.extract(gold, mode, boxedPriority(mode), b);
    if (x.node() == null && mode != MatchMode.EXPR) {
      String norm = Normalizer.latex(gold);
      Node n = Extractor.tryParse(norm, b);
      if (n != null) {
        return new Extraction(n, norm);
      }
    }
    return x;
  }

  private static boolean isLetter(Node n) {
    String s = Comparer.letters(n);
    return s != null && s.length() == 1 && s.charAt(0) >= 'A' && s.charAt(0) <= 'E';
  }

  private static final Pattern LETTER_ONLY = Pattern.compile(
      "[\\s*(]*(?:\\\\text(?:bf)?\\{)?\\s*\\(?\\s*([A-E])\\s*\\)?\\s*\\}?[\\s*).]*");

  /** Strict extraction: a letter answer only when the extracted answer is that letter alone. */
  private static Extraction strictLetter(Extraction p) {
    if (p.node() != null && isLetter(p.node())) {
      return p;
    }
    var m = LETTER_ONLY.matcher(p.text());
    return m.matches() ? new Extraction(Node.text(m.group(1)), m.group(1)) : p;
  }

  private static Extraction letter(String pred, Extraction p, Budget b) {
    if (p.node() != null && isLetter(p.node())) {
      return p;
    }
    var m = LETTER.matcher(Budget.guard(pred, b));
    String last = null;
    while (m.find()) {
      last = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }
    return last == null ? p : new Extraction(Node.text(last), last);
  }

  private static boolean compare(Extraction g, Extraction p, MathOptions o, Budget b) {
    if (g.node() != null && p.node() != null) {
      Node gn = g.node();
      Node pn = o.strict() ? p.node() : rename(g.node(), p.node());
      if (g.bare() && p.bare()) {
        // two bare lists ("4, 10, -2") are compared as written, as the MATH grader does
        gn = ordered(gn);
        pn = ordered(pn);
      }
      if (new Comparer(b, o).equal(gn, pn)) {
        return true;
      }
    }
    return sameIgnoringSpaces(g.text(), p.text());
  }

  static boolean sameIgnoringSpaces(String a, String b) {
    int i = 0;
    int j = 0;
    boolean any = false;
    while (true) {
      while (i < a.length() && Character.isWhitespace(a.charAt(i))) {
        i++;
      }
      while (j < b.length() && Character.isWhitespace(b.charAt(j))) {
        j++;
      }
      if (i == a.length() || j == b.length()) {
        return any && i == a.length() && j == b.length();
      }
      if (a.charAt(i++) != b.charAt(j++)) {
        return false;
      }
      any = true;
    }
  }

  private static Node ordered(Node n) {
    return n.is(Kind.SET) && "list".equals(n.name()) ? Node.of(Kind.TUPLE, "list", n.kids()) : n;
  }

  /** Non-strict mode: the prediction's free symbols renamed to the gold's, in sorted order. */
  private static Node rename(Node gold, Node pred) {
    TreeSet<String> gs = new TreeSet<>();
    TreeSet<String> ps = new TreeSet<>();
    symbols(gold, gs);
    symbols(pred, ps);
    if (gs.size() != ps.size() || gs.equals(ps)) {
      return pred;
    }
    List<String> a = new ArrayList<>(ps);
    List<String> c = new ArrayList<>(gs);
    java.util.HashMap<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      map.put(a.get(i), c.get(i));
    }
    return substitute(pred, map);
  }

  private static void symbols(Node n, TreeSet<String> out) {
    if (n.is(Kind.SYM) && !Numeric.isConstant(n.name())) {
      out.add(n.name());
    }
    n.kids().forEach(k -> symbols(k, out));
  }

  private static Node substitute(Node n, Map<String, String> map) {
    if (n.is(Kind.SYM)) {
      return map.containsKey(n.name()) ? Node.sym(map.get(n.name())) : n;
    }
    if (n.kids().isEmpty()) {
      return n;
    }
    List<Node> kids = new ArrayList<>();
    n.kids().forEach(k -> kids.add(substitute(k, map)));
    return new Node(n.kind(), List.copyOf(kids), n.name(), n.num(), n.decimal());
  }
}

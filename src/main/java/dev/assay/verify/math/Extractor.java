package dev.assay.verify.math;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient extraction ({@link ExtractionMode#LENIENT}): finds the final answer in a text the way
 * Math-Verify does: patterns in priority groups ("final answer is X. I hope" and {@code \boxed}
 * first, then "final answer ... is X", then "answer: X", "answer ... X", then any LaTeX
 * environment or plain number); within a group the rightmost match wins, and a match that does
 * not parse gives way to the next one.
 *
 * <p>Two departures from Math-Verify, both found in real model output: the value of an answer
 * statement written wholly in quotes is read without them ({@code The answer is "42"} gives 42,
 * not a parse error), and the last-resort group (any LaTeX environment or number) never takes
 * what starts inside code, a quoted string or a JSON object ({@link Masks}), so a number in a
 * quoted restatement of the problem is not taken for the answer. Strict extraction, which reads
 * only the place the prompt asked for, is {@link StrictExtractor}.
 */
final class Extractor {
  private Extractor() {}

  /** What was found: the parsed answer (null when nothing parsed) and its text. */
  record Extraction(Node node, String text, boolean bare) {
    Extraction(Node node, String text) {
      this(node, text, false);
    }
  }

  private record Cand(int prio, int start, int end, boolean latex, List<String> pieces, Node number) {}

  private static final String ENV =
      "(?<!\\\\)\\$\\$((?:[^$]|\\$(?!\\$))+?)(?<!\\\\)\\$\\$"
          + "|(?<!\\\\)\\\\\\[((?:[^\\\\]|\\\\(?!\\]))+?)(?<!\\\\)\\\\\\]"
          + "|(?<![\\\\\\d])\\$((?:\\\\\\$|[^\\n$])+?)(?<!\\\\)\\$"
          + "|(?<!\\\\)\\\\\\(((?:[^\\\\\\n]|\\\\(?!\\)))+?)(?<!\\\\)\\\\\\)"
          + "|\\s\\[([^\\n\\]\\[]+?)\\]\\s"
          + "|(-?\\\\frac\\{-?\\d+(?:[.,]\\d+)?\\}\\{-?\\d+(?:[.,]\\d+)?\\})";
  private static final Pattern ENV_ONE = Pattern.compile(ENV, Pattern.DOTALL);
  private static final String ENVS =
      "(?<envs>(?:" + ENV + ")(?:\\s*(?:,?and|,?or|,)\\s*(?:" + ENV + ")){0,5})";

  private static final String NUMBER =
      "(?<!\\d)(?:(?<inta>-?[1-9]\\d{0,2}(?:[ ,]\\d{3})+)(?<deca>\\.\\d+)?"
          + "|(?<intb>-?\\d+)(?<decb>[.,]\\d+)|(?<decc>\\.\\d+)|(?<intc>-?\\d+))"
          + "(?:\\s*(?:%|[Pp]ercent|\\s*[Pp]ercentage|\\s*[Pp]ct))?";
  private static final String OPS = "+\\-*×/^()÷";
  private static final String EXPR_CHARS = "[\\d.\\s" + OPS + "]";
  private static final String EXPR =
      "(?<expr>-?\\(?-?\\d" + EXPR_CHARS + "*[" + OPS + "]" + EXPR_CHARS + "+\\)?)";
  private static final String PREFIX = "(?:^|\\s|=)(?:\\*\\*)?";
  private static final String SUFFIX = "(?:\\*\\*)?(?:\\.|,|:|\\s|\\)|\\$|$)";
  private static final String EXPR_ANCHORED = "(?:" + PREFIX + EXPR + SUFFIX + ")";
  private static final String NUMBER_ANCHORED = "(?:" + PREFIX + "[$€£¥₹]?" + NUMBER + ")";
  private static final String EXPR_OR_NUMBER = "(?:" + EXPR_ANCHORED + "|" + NUMBER_ANCHORED + ")";

  private static final List<Object[]> LATEX_PATTERNS = List.of(
      p("(?i:final answer is):?\\s*" + ENVS + "\\.?\\s?I hope", 0),
      p("(?i:final answer.{0,100}?)\\s+is:?\\s*" + ENVS, 50),
      p("(?i:answer):.{0,50}?" + ENVS, 100),
      p("(?i:answer).{0,50}?" + ENVS, 200),
      p(ENVS, 300));
  private static final List<Object[]> EXPR_PATTERNS = List.of(
      p("(?i:final answer is):?\\s*" + EXPR_OR_NUMBER + "\\.?\\s?I hope", 0),
      p("(?i:final answer.{0,100}?)\\s+is:?" + EXPR_OR_NUMBER, 50),
      p("(?i:answer):(?:.{0,100}=\\s*|.{0,50}?)" + EXPR_OR_NUMBER + "(?!\\s*=)", 100),
      p("(?i:answer)(?:.{0,100}=\\s*|.{0,50}?)" + EXPR_OR_NUMBER + "(?!\\s*=)", 200),
      p(EXPR_ANCHORED, 300),
      p(NUMBER_ANCHORED, 300));
  private static final Pattern BARE_ANSWER = Pattern.compile(
      "(?i:answer(?: is|:))[\\s:*]*(?<bare>(?:\\\\\\$|[^$\\n])+?)\\**\\s*(?:\\.\\s|\\.?\\s*$|\\n)");
  private static final Pattern HASHES = Pattern.compile("####\\s*\\$?\\s*(?<intc>-?[\\d,]*\\d(?:\\.\\d+)?)");

  private static Object[] p(String re, int prio) {
    return new Object[] {Pattern.compile(re, Pattern.DOTALL), prio};
  }

  static Extraction extract(String text, MatchMode mode, int boxedPriority, Budget b) {
    CharSequence g = Budget.guard(text, b);
    java.util.TreeSet<Integer> prios = new java.util.TreeSet<>(List.of(0, 49, 50, 100, 200, 300));
    if (boxedPriority >= 0) {
      prios.add(boxedPriority);
    }
    State st = new State(text, b);
    ExtractHints h = new ExtractHints(text);
    for (int prio : prios) {
      List<Cand> cands = new ArrayList<>();
      collect(prio, text, g, mode, boxedPriority, b, cands, h);
      Extraction x = choose(cands, b, st);
      if (x != null) {
        return x;
      }
    }
    return new Extraction(null, st.fallback == null ? "" : st.fallback);
  }

  private static final class State {
    final String text;
    final Budget budget;
    String fallback;
    final List<int[]> failedSpans = new ArrayList<>();
    Masks masks;

    State(String text, Budget budget) {
      this.text = text;
      this.budget = budget;
    }

    /** The last-resort patterns (any number, any math) never read code, quotes or JSON. */
    boolean masked(Cand c) {
      if (c.prio() < 300) {
        return false;
      }
      masks = masks == null ? Masks.of(text, budget) : masks;
      return masks.covers(c.start());
    }
  }

  private static void collect(int prio, String text, CharSequence g, MatchMode mode, int boxedPriority,
      Budget b, List<Cand> cands, ExtractHints h) {
    if (mode == MatchMode.AUTO && prio == 0 && h.hashes) {
      Matcher m = HASHES.matcher(g);
      while (m.find()) {
        String v = m.group("intc").replace(",", "");
        cands.add(new Cand(0, m.start(), m.end(), false, List.of(v), numberNode(v, "")));
      }
    }
    if (mode == MatchMode.AUTO && prio == 49 && h.answer) {
      Matcher a = from(BARE_ANSWER.matcher(g), h.from(prio), text.length());
      while (a.find()) {
        String bare = unquote(a.group("bare"));
        if (!bare.contains("\\(") && !bare.contains("\\[") && !bare.contains("\\boxed") && MathChecker.looksBare(bare)) {
          cands.add(new Cand(49, a.start("bare"), a.end("bare"), true, List.of(bare), null));
        }
      }
    }
    if (mode.latex()) {
      for (Object[] pp : LATEX_PATTERNS) {
        if ((int) pp[1] == prio && h.latexEnv && h.worth(prio)) {
          Matcher m = from(((Pattern) pp[0]).matcher(g), h.from(prio), text.length());
          while (m.find()) {
            cands.add(latexCand(prio, m, b));
          }
        }
      }
      if (boxedPriority == prio && h.boxed) {
        List<Boxed.Box> group = Boxed.lastGroup(text, b);
        if (!group.isEmpty()) {
          List<String> pieces = group.stream().map(Boxed.Box::content).toList();
          cands.add(new Cand(prio, group.get(0).start(), group.get(group.size() - 1).end(), true, pieces, null));
        }
      }
    }
    if (mode.expr()) {
      for (Object[] pp : EXPR_PATTERNS) {
        if ((int) pp[1] == prio && h.worth(prio)) {
          Matcher m = from(((Pattern) pp[0]).matcher(g), h.from(prio), text.length());
          while (m.find()) {
            cands.add(exprCand(prio, m));
          }
        }
      }
    }
  }

  private static Matcher from(Matcher m, int start, int end) {
    if (start > 0) {
      m.region(start, end).useTransparentBounds(true).useAnchoringBounds(false);
    }
    return m;
  }

  private static Cand latexCand(int prio, Matcher m, Budget b) {
    int s = m.start("envs");
    int e = m.end("envs");
    Matcher one = ENV_ONE.matcher(m.group("envs"));
    List<String> pieces = new ArrayList<>();
    while (one.find()) {
      for (int i = 1; i <= one.groupCount(); i++) {
        if (one.group(i) != null) {
          pieces.add(one.group(i));
          break;
        }
      }
    }
    return new Cand(prio, s, e, true, pieces, null);
  }

  private static Cand exprCand(int prio, Matcher m) {
    String expr = group(m, "expr");
    if (expr != null) {
      return new Cand(prio, m.start("expr"), m.end("expr"), false, List.of(expr.strip()), null);
    }
    for (String[] gr : new String[][] {{"inta", "deca"}, {"intb", "decb"}, {null, "decc"}, {"intc", null}}) {
      String in = gr[0] == null ? null : group(m, gr[0]);
      String de = gr[1] == null ? null : group(m, gr[1]);
      if (in != null || de != null) {
        int st = in != null ? m.start(gr[0]) : m.start(gr[1]);
        int en = de != null ? m.end(gr[1]) : m.end(gr[0]);
        String v = Normalizer.number(in == null ? "0" : in, de);
        return new Cand(prio, st, en, false, List.of(v), numberNode(in == null ? "0" : in, de));
      }
    }
    return new Cand(prio, m.start(), m.end(), false, List.of(m.group()), null);
  }

  private static String group(Matcher m, String name) {
    try {
      return m.group(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Node numberNode(String integer, String decimal) {
    String v = Normalizer.number(integer, decimal);
    return Node.num(Rat.parseDecimal(v), decimal != null && !decimal.isEmpty() || v.contains("."));
  }

  private static Extraction choose(List<Cand> cands, Budget b, State st) {
    cands.sort(Comparator.comparingInt(Cand::prio)
        .thenComparing(Comparator.comparingInt(Cand::end).reversed())
        .thenComparingInt(Cand::start));
    for (Cand c : cands) {
      if (!c.latex() && overlaps(c, st.failedSpans) || st.masked(c)) {
        continue;
      }
      Extraction x = parse(c, b);
      if (st.fallback == null) {
        st.fallback = x.text();
      }
      if (x.node() != null) {
        return x;
      }
      if (c.latex()) {
        st.failedSpans.add(new int[] {c.start(), c.end()});
      }
    }
    return null;
  }

  /** {@code "42"}, {@code '42'}, {@code “42”} or {@code `42`} without its quotes; else as given. */
  static String unquote(String s) {
    int last = s.length() - 1;
    while (last > 0 && Character.isWhitespace(s.charAt(last))) {
      last--;
    }
    if (last < 1 || "\"'`”".indexOf(s.charAt(last)) < 0) {
      return s;
    }
    String t = s.strip();
    if (t.length() >= 2) {
      char a = t.charAt(0);
      char z = t.charAt(t.length() - 1);
      if ((a == '"' || a == '\'' || a == '`') && z == a || a == '“' && z == '”') {
        String in = t.substring(1, t.length() - 1);
        if (in.indexOf(a) < 0 && in.indexOf(z) < 0) {
          return in.strip();
        }
      }
    }
    return s;
  }

  private static boolean overlaps(Cand c, List<int[]> spans) {
    for (int[] s : spans) {
      if (c.start() < s[1] && c.end() > s[0]) {
        return true;
      }
    }
    return false;
  }

  private static Extraction parse(Cand c, Budget b) {
    if (c.number() != null) {
      return new Extraction(c.number(), c.pieces().get(0));
    }
    return pieces(c.pieces(), c.latex(), b);
  }

  /** Normalises and parses answer pieces; several that all parse make one list answer. */
  static Extraction pieces(List<String> pieces, boolean latex, Budget b) {
    List<Node> nodes = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (String piece : pieces) {
      String norm = latex ? Normalizer.latex(Boxed.unbox(piece, b)) : Normalizer.latex(piece);
      texts.add(norm);
      nodes.add(tryParse(norm, b));
    }
    String text = String.join(" and ", texts);
    if (nodes.isEmpty()) {
      return new Extraction(null, text);
    }
    if (nodes.size() > 1 && nodes.stream().allMatch(n -> n != null)) {
      List<Node> all = new ArrayList<>();
      for (Node n : nodes) {
        if (n.is(Node.Kind.SET)) {
          all.addAll(n.kids());
        } else {
          all.add(n);
        }
      }
      return new Extraction(Node.of(Node.Kind.SET, "list", all), text);
    }
    return new Extraction(nodes.get(0), texts.get(0));
  }

  /** Parses a normalised piece, or returns null; lets a budget overrun through. */
  static Node tryParse(String norm, Budget b) {
    if (norm.isBlank()) {
      return null;
    }
    try {
      return Relations.tidy(LatexParser.parse(norm, b));
    } catch (LatexAtoms.Fail | ArithmeticException | NumberFormatException | IndexOutOfBoundsException e) {
      return null;
    }
  }
}

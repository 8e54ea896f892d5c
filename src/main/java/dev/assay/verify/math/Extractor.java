package dev.assay.verify.math;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a text, the way Math-Verify does: patterns in priority groups
 * ("final answer is X. I hope" and {@code \boxed} first, then "final answer ... is X", then
 * "answer: X", "answer ... X", then any LaTeX environment or plain number); within a group the
 * rightmost match wins, and a match that does not parse gives way to the next one.
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
    State st = new State();
    Hints h = new Hints(text);
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

  /** Cheap substring tests that let most patterns skip a text without scanning it. */
  private static final class Hints {
    final boolean hashes;
    final boolean answer;
    final boolean finalAnswer;
    final boolean latexEnv;
    final boolean boxed;
    final int answerAt;
    final int finalAt;

    Hints(String text) {
      hashes = text.contains("####");
      answerAt = indexOfIgnoreCase(text, "answer", 0);
      finalAt = answerAt < 0 ? -1 : indexOfIgnoreCase(text, "final answer", 0);
      answer = answerAt >= 0;
      finalAnswer = finalAt >= 0;
      latexEnv = text.indexOf('$') >= 0 || text.contains("\\[") || text.contains("\\(")
          || text.contains("\\frac") || text.indexOf('[') >= 0;
      boxed = text.contains("\\boxed") || text.contains("\\fbox");
    }

    private static int indexOfIgnoreCase(String t, String word, int from) {
      int n = word.length();
      char a = word.charAt(0);
      char b = Character.toUpperCase(a);
      for (int i = from; i + n <= t.length(); i++) {
        char c = t.charAt(i);
        if ((c == a || c == b) && t.regionMatches(true, i, word, 0, n)) {
          return i;
        }
      }
      return -1;
    }

    /** Where a pattern of this priority can start matching: at its anchor word. */
    int from(int prio) {
      return switch (prio) {
        case 0, 50 -> finalAt;
        case 49, 100, 200 -> answerAt;
        default -> 0;
      };
    }

    boolean worth(int prio) {
      return switch (prio) {
        case 0, 50 -> finalAnswer;
        case 100, 200 -> answer;
        default -> true;
      };
    }
  }

  private static final class State {
    String fallback;
    final List<int[]> failedSpans = new ArrayList<>();
  }

  private static void collect(int prio, String text, CharSequence g, MatchMode mode, int boxedPriority,
      Budget b, List<Cand> cands, Hints h) {
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
        String bare = a.group("bare");
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
      if (!c.latex() && overlaps(c, st.failedSpans)) {
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
    List<Node> nodes = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (String piece : c.pieces()) {
      String norm = c.latex() ? Normalizer.latex(Boxed.unbox(piece, b)) : Normalizer.latex(piece);
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
    } catch (LatexParser.Fail | ArithmeticException | NumberFormatException | IndexOutOfBoundsException e) {
      return null;
    }
  }
}

package dev.assay.verify.math;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * String-level clean-up of an extracted answer before parsing: spacing and sizing commands,
 * {@code \dfrac}-style aliases, degrees, percent, dollar signs, thousands separators, unit words,
 * Unicode symbols, "and"/"or" between answers, trailing punctuation.
 */
final class Normalizer {
  private Normalizer() {}

  private static final String[][] UNICODE = {
    {"−", "-"}, {"–", "-"}, {"π", "\\pi "}, {"∞", "\\infty "}, {"≤", "\\le "}, {"≥", "\\ge "},
    {"≠", "\\ne "}, {"×", "\\times "}, {"÷", "\\div "}, {"·", "\\cdot "}, {"±", "\\pm "},
    {"∓", "\\mp "}, {"∪", "\\cup "}, {"∈", "\\in "}, {"°", ""}, {"⋅", "\\cdot "},
    {"\u00a0", " "}, {"²", "^2"}, {"³", "^3"}, {"€", ""}, {"£", ""}, {"¥", ""}, {"₹", ""},
  };
  private static final Pattern SPACING = Pattern.compile(
      "\\\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg|displaystyle|textstyle"
          + "|limits|nolimits|middle)(?![A-Za-z])|\\\\q?quad|(?<!\\\\)\\\\[,;:! ]|~");
  private static final Pattern THOUSANDS_LATEX = Pattern.compile("(\\d)\\s*(?:\\{\\s*,\\s*\\}|,\\\\!)\\s*(?=\\d{3})");
  private static final Pattern DEGREES = Pattern.compile(
      "\\^\\s*\\{?\\s*\\\\circ\\s*\\}?|\\\\circ|\\\\degree|\\^\\{?\\s*o\\s*\\}?(?![A-Za-z])");
  private static final Pattern TEXT_CONNECTOR = Pattern.compile(
      "\\\\(?:text|mbox|textnormal|mathrm)\\s*\\{\\s*(?:,\\s*)?(?:and|or)\\s*\\}|(?<![A-Za-z\\\\])(?:and|or)(?![A-Za-z])");
  static final String UNITS =
      "cm|km|mm|meters?|metres?|miles?|feet|foot|ft|inch(?:es)?|yards?|kg|grams?|pounds?|lbs?"
          + "|ounces?|oz|liters?|litres?|ml|mL|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?"
          + "|weeks?|months?|years?|cents?|dollars?|yuan|euros?|units?|degrees?|sq|square"
          + "|cubic|mph|km/h|people|students?|percent|percentage|pct";
  private static final Pattern UNIT_AFTER_NUMBER = Pattern.compile(
      "(\\d|\\})\\s*(?:" + UNITS + ")(?:\\^\\{?[23]\\}?)?(?![A-Za-z])");
  private static final Pattern TEXT_UNIT = Pattern.compile(
      "\\\\(?:text|mbox|textnormal|mathrm|textbf|textit)\\s*\\{\\s*(?:" + UNITS + ")\\s*\\}(?:\\^\\{?[23]\\}?)?");
  private static final Pattern ESCAPED_COMMAND = Pattern.compile("(?<!\\\\)\\\\\\\\(?=[A-Za-z])");
  /** {@code frac13}, {@code sqrt(2)}, {@code 2pi}: command words written without a backslash. */
  private static final Pattern BARE_COMMAND = Pattern.compile(
      "(?<![\\\\A-Za-z])(frac|dfrac|tfrac|sqrt|pi|infty)(?![A-Za-z])");
  private static final Pattern UNICODE_ROOT = Pattern.compile("√\\s*(\\d+(?:\\.\\d+)?|[A-Za-z])");
  private static final Pattern MIXED = Pattern.compile(
      "(?<![\\d.}^_A-Za-z])(\\d+)\\s*\\\\frac\\{(\\d+)\\}\\{(\\d+)\\}");
  private static final Pattern FRAC_SHORT = Pattern.compile("\\\\[dtc]?frac\\s*(\\d)\\s*(\\d)");

  /** Normalises a LaTeX answer (from a {@code $...$}, {@code \boxed{}} or a whole gold). */
  static String latex(String in) {
    String s = unicode(in);
    if (s.contains("frac") || s.contains("sqrt") || s.contains("pi") || s.contains("infty")) {
      s = BARE_COMMAND.matcher(s).replaceAll("\\\\$1");
    }
    boolean cmd = s.indexOf('\\') >= 0;
    if (cmd && s.contains("\\\\")) {
      s = ESCAPED_COMMAND.matcher(s).replaceAll("\\\\");
    }
    if (s.indexOf('$') >= 0) {
      s = s.replace("\\$", "").replace("$", "");
    }
    if (s.indexOf('%') >= 0) {
      s = s.replace("\\%", "").replace("%", "");
    }
    if (s.indexOf(',') >= 0) {
      s = THOUSANDS_LATEX.matcher(s).replaceAll("$1");
    }
    boolean letters = hasLetterRun(s);
    if (cmd && letters && (s.contains("\\text") || s.contains("\\mbox") || s.contains("\\math"))) {
      s = TEXT_UNIT.matcher(s).replaceAll(" ");
    }
    if (letters && (s.contains("and") || s.contains("or"))) {
      s = TEXT_CONNECTOR.matcher(s).replaceAll(",");
    }
    if (cmd || s.indexOf('~') >= 0) {
      s = SPACING.matcher(s).replaceAll(" ");
      if (s.indexOf('l') >= 0 || s.indexOf('v') >= 0 || s.contains("mid")) {
        s = s.replace("\\lbrace", "\\{").replace("\\rbrace", "\\}").replace("\\lbrack", "[")
            .replace("\\rbrack", "]").replace("\\lvert", "|").replace("\\rvert", "|")
            .replace("\\vert", "|").replace("\\mid", "|");
      }
      if (s.contains("circ") || s.contains("degree") || s.contains("^")) {
        s = DEGREES.matcher(s).replaceAll("");
      }
      if (s.contains("frac")) {
        s = FRAC_SHORT.matcher(s).replaceAll("\\\\frac{$1}{$2}");
        s = mixedNumbers(s);
      }
    } else if (s.indexOf('^') >= 0) {
      s = DEGREES.matcher(s).replaceAll("");
    }
    if (letters) {
      s = UNIT_AFTER_NUMBER.matcher(s).replaceAll("$1");
    }
    s = stripTrailing(s);
    if (s.indexOf(',') >= 0) {
      s = commaThousands(s);
    }
    return collapseSpaces(s.strip());
  }

  private static String collapseSpaces(String s) {
    if (!s.contains("  ") && s.indexOf('\n') < 0 && s.indexOf('\t') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ws = c == ' ' || c == '\n' || c == '\r';
      if (!ws || !space) {
        sb.append(ws ? ' ' : c);
      }
      space = ws;
    }
    return sb.toString();
  }

  /** Whether two letters follow each other somewhere (a word, a unit, a command name). */
  private static boolean hasLetterRun(String s) {
    for (int i = 1; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i)) && Character.isLetter(s.charAt(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** {@code 4\\frac{2}{3}} (a whole number before a proper fraction) is 4 + 2/3. */
  private static String mixedNumbers(String s) {
    if (!s.contains("frac")) {
      return s;
    }
    Matcher m = MIXED.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      boolean proper = m.group(2).length() < 10 && m.group(3).length() < 10
          && Long.parseLong(m.group(2)) < Long.parseLong(m.group(3));
      String rep = proper ? "(" + m.group(1) + "+\\frac{" + m.group(2) + "}{" + m.group(3) + "})" : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(rep));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Removes trailing full stops, commas and spaces, and a trailing {@code \\}. */
  static String stripTrailing(String s) {
    String t = s.strip();
    while (!t.isEmpty()) {
      if (t.endsWith(".") || t.endsWith(",") || t.endsWith(";")) {
        t = t.substring(0, t.length() - 1).strip();
      } else if (t.endsWith("\\\\")) {
        t = t.substring(0, t.length() - 2).strip();
      } else {
        break;
      }
    }
    return t;
  }

  static String unicode(String in) {
    String s = in;
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      ascii = s.charAt(i) < 128;
    }
    if (ascii) {
      return s;
    }
    if (s.indexOf('√') >= 0) {
      s = UNICODE_ROOT.matcher(s).replaceAll("\\\\sqrt{$1}").replace("√", "\\sqrt");
    }
    for (String[] u : UNICODE) {
      if (s.contains(u[0])) {
        s = s.replace(u[0], u[1]);
      }
    }
    return s;
  }

  private static final Pattern WHOLE_THOUSANDS = Pattern.compile("-?[1-9]\\d{0,2}(?:,\\d{3})+(?:\\.\\d+)?");

  /** {@code 7,425,000} as a whole answer is one number, not a list of three. */
  private static String commaThousands(String s) {
    if (WHOLE_THOUSANDS.matcher(s).matches()) {
      return s.replace(",", "");
    }
    return s;
  }

  /** A bare number from the plain-text extractor: thousands separators and decimal commas. */
  static String number(String integer, String decimal) {
    String i = integer.replace(",", "").replace(" ", "");
    String d = decimal == null ? "" : decimal.replace(',', '.');
    return i + d;
  }
}

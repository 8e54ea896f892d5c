package dev.assay.verify.math;

/**
 * The scanning half of the LaTeX parser: a position in the input, whitespace skipping, literal and
 * command matching, raw brace groups, and the nesting-depth guard. Every entry into a nested rule
 * ticks the {@link Budget}.
 */
abstract class Cursor {
  static final int MAX_DEPTH = 120;

  final String s;
  final Budget budget;
  int pos;
  int depth;

  Cursor(String s, Budget budget, int depth) {
    this.s = s;
    this.budget = budget;
    this.depth = depth;
  }

  String rawArg() {
    ws();
    if (!peekIs("{")) {
      if (pos < s.length()) {
        return String.valueOf(s.charAt(pos++));
      }
      throw new LatexAtoms.Fail("missing argument");
    }
    int end = matchBrace(pos);
    String in = s.substring(pos + 1, end);
    pos = end + 1;
    return in;
  }

  int matchBrace(int open) {
    int d = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        d++;
      } else if (c == '}' && --d == 0) {
        return i;
      }
    }
    throw new LatexAtoms.Fail("unbalanced braces");
  }

  String cmdName() {
    int start = pos;
    while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      pos++;
      return s.substring(start, pos);
    }
    return s.substring(start, pos);
  }

  void ws() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  boolean peekIs(String t) {
    return s.startsWith(t, pos);
  }

  boolean eat(String t) {
    ws();
    if (s.startsWith(t, pos)) {
      pos += t.length();
      return true;
    }
    return false;
  }

  boolean eatCmd(String name) {
    ws();
    if (pos >= s.length() || s.charAt(pos) != '\\') {
      return false;
    }
    int end = pos + 1 + name.length();
    if (s.startsWith(name, pos + 1) && (end >= s.length() || !Character.isLetter(s.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  void expect(String t) {
    if (!eat(t)) {
      throw new LatexAtoms.Fail("expected '" + t + "' at " + pos);
    }
  }

  void enter() {
    budget.tick();
    if (++depth > MAX_DEPTH) {
      throw new LatexAtoms.Fail("expression nested too deeply");
    }
  }

  void leave() {
    depth--;
  }
}

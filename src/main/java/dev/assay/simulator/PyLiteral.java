package dev.assay.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Python literals the code-reasoning tasks use: {@code int} ({@link Long}), {@code str}
 * ({@link String}), {@code bool} ({@link Boolean}) and lists of those ({@link List}). {@link #repr}
 * follows CPython's {@code repr} for these types.
 */
final class PyLiteral {
  private PyLiteral() {}

  /** CPython's {@code repr} of a Long, Boolean, String or List of them. */
  static String repr(Object o) {
    if (o instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (o instanceof String s) {
      return str(s);
    }
    if (o instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object x : list) {
        parts.add(repr(x));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return o == null ? "None" : String.valueOf(o);
  }

  private static String str(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(q);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> out.append(c == q ? "\\" + c : String.valueOf(c));
      }
    }
    return out.append(q).toString();
  }

  /** Parses one literal (surrounding whitespace allowed); empty if it is not one we know. */
  static Optional<Object> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Parser p = new Parser(text.strip());
    try {
      Object v = p.value();
      return p.at == p.s.length() ? Optional.ofNullable(v) : Optional.empty();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static final class Parser {
    final String s;
    int at;

    Parser(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char c = s.charAt(at);
      if (c == '[') {
        at++;
        List<Object> items = new ArrayList<>();
        skip();
        while (s.charAt(at) != ']') {
          items.add(value());
          skip();
          if (s.charAt(at) == ',') {
            at++;
            skip();
          } else if (s.charAt(at) != ']') {
            throw new IllegalArgumentException("expected , or ]");
          }
        }
        at++;
        return items;
      }
      if (c == '\'' || c == '"') {
        return string(c);
      }
      for (String word : new String[] {"True", "False"}) {
        if (s.startsWith(word, at)) {
          at += word.length();
          return word.equals("True");
        }
      }
      int start = at;
      if (c == '-' || c == '+') {
        at++;
      }
      while (at < s.length() && Character.isDigit(s.charAt(at))) {
        at++;
      }
      if (at == start || !Character.isDigit(s.charAt(at - 1))) {
        throw new IllegalArgumentException("not a literal");
      }
      return Long.parseLong(s.substring(start, at).replace("+", ""));
    }

    private String string(char q) {
      at++;
      StringBuilder out = new StringBuilder();
      while (s.charAt(at) != q) {
        char c = s.charAt(at++);
        if (c == '\\') {
          char e = s.charAt(at++);
          out.append(switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> e;
          });
        } else {
          out.append(c);
        }
      }
      at++;
      return out.toString();
    }

    private void skip() {
      while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
        at++;
      }
    }
  }
}

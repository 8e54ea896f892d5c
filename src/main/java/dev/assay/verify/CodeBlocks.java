package dev.assay.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls the program out of a model's answer: the last fenced block, python-tagged first. */
public final class CodeBlocks {
  private static final Pattern PY = Pattern.compile("```(?:python|py|python3)[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern ANY = Pattern.compile("```[A-Za-z0-9_+-]*[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);

  private CodeBlocks() {}

  public static String extract(String completion) {
    String last = last(PY, completion);
    if (last == null) {
      last = last(ANY, completion);
    }
    return last != null ? last : completion.contains("def ") || completion.contains("class ") ? completion : "";
  }

  /**
   * The content of the last {@code \\boxed{...}} (nested braces allowed); without one, a bare
   * one-line answer; else "" (no answer).
   */
  static String boxed(String completion) {
    int at = completion.lastIndexOf("\\boxed{");
    if (at < 0) {
      String t = completion.strip();
      return t.contains("\n") || t.length() > 200 ? "" : t;
    }
    int depth = 0;
    int start = at + "\\boxed{".length();
    for (int i = start; i < completion.length(); i++) {
      char ch = completion.charAt(i);
      if (ch == '{') {
        depth++;
      } else if (ch == '}') {
        if (depth == 0) {
          return completion.substring(start, i).strip();
        }
        depth--;
      }
    }
    return "";
  }

  private static String last(Pattern p, String s) {
    Matcher m = p.matcher(s);
    String out = null;
    while (m.find()) {
      out = m.group(1);
    }
    return out;
  }
}

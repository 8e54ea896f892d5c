package dev.assay.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls the program out of a model's answer: the last fenced block, python-tagged first. */
final class CodeBlocks {
  private static final Pattern PY = Pattern.compile("```(?:python|py|python3)[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern ANY = Pattern.compile("```[A-Za-z0-9_+-]*[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);

  private CodeBlocks() {}

  static String extract(String completion) {
    String last = last(PY, completion);
    if (last == null) {
      last = last(ANY, completion);
    }
    return last != null ? last : completion.contains("def ") || completion.contains("class ") ? completion : "";
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

package dev.assay.verify;

import dev.assay.sandbox.Language;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the program out of a model's answer: the last fenced block tagged with the program's
 * language ({@code python}/{@code py}, {@code cpp}/{@code c++}, {@code javascript}/{@code js},
 * {@code go}, {@code rust}/{@code rs}), else the last fenced block; without any, the whole answer
 * when it looks like a program of that language, else "" (no answer).
 */
public final class CodeBlocks {
  private static final Pattern PY = fence("python|py|python3");
  private static final Pattern ANY = Pattern.compile("```[A-Za-z0-9_+-]*[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);
  private static final Map<Language, Pattern> TAGGED = Map.of(Language.PYTHON, PY,
      Language.CPP, fence("cpp|c\\+\\+|cc|cxx"), Language.JAVASCRIPT, fence("javascript|js|node"),
      Language.GO, fence("go|golang"), Language.RUST, fence("rust|rs"), Language.JAVA, fence("java"));
  /** What a whole unfenced answer must contain to be taken as a program of the language. */
  private static final Map<Language, List<String>> LOOKS_LIKE = Map.of(Language.PYTHON, List.of("def ", "class "),
      Language.CPP, List.of("main("), Language.JAVASCRIPT, List.of("console.", "process.stdin", "require("),
      Language.GO, List.of("package main"), Language.RUST, List.of("fn main"), Language.JAVA, List.of("class "));

  private CodeBlocks() {}

  /** The Python program of an answer. */
  public static String extract(String completion) {
    return extract(completion, Language.PYTHON);
  }

  /** The {@code language} program of an answer. */
  public static String extract(String completion, Language language) {
    String last = last(TAGGED.get(language), completion);
    if (last == null) {
      last = last(ANY, completion);
    }
    return last != null ? last
        : LOOKS_LIKE.get(language).stream().anyMatch(completion::contains) ? completion : "";
  }

  private static Pattern fence(String tags) {
    return Pattern.compile("```(?:" + tags + ")[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
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

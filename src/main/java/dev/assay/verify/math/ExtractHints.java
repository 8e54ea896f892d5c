package dev.assay.verify.math;

/** Cheap substring tests that let most patterns skip a text without scanning it. */
final class ExtractHints {
  final boolean hashes;
  final boolean answer;
  final boolean finalAnswer;
  final boolean latexEnv;
  final boolean boxed;
  final int answerAt;
  final int finalAt;

  ExtractHints(String text) {
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

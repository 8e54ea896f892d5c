package dev.assay.verify;

import dev.assay.verify.math.MathCheck;
import dev.assay.verify.math.MathReason;

/** Maps the math checker's finer reasons onto the round's verdict reasons. */
final class MathVerdicts {
  private MathVerdicts() {}

  static VerdictReason reason(MathReason r) {
    return switch (r) {
      case EQUAL -> VerdictReason.OK;
      case NOT_EQUAL, PARSE_ERROR -> VerdictReason.WRONG_ANSWER;
      case NO_ANSWER -> VerdictReason.NO_ANSWER;
      case TIMEOUT -> VerdictReason.TIMEOUT;
    };
  }

  /** {@code format} for a strict check whose answer was not where the prompt asked for it; else what was compared. */
  static String detail(MathCheck c) {
    if (c.formatFailure()) {
      return MathCheck.FORMAT;
    }
    return c.reason().wire() + (c.predAnswer() == null ? "" : ": got " + brief(c.predAnswer()))
        + (c.goldAnswer() == null ? "" : ", expected " + brief(c.goldAnswer()));
  }

  private static String brief(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}

package dev.assay.verify.math;

/**
 * The result of comparing a gold answer with a predicted one.
 *
 * @param equivalent true when the two answers are the same mathematical object
 * @param reason {@code equal}, {@code not_equal}, {@code no_answer} (nothing extractable in the
 *     prediction or the gold), {@code parse_error}, or {@code timeout}
 * @param goldAnswer the answer extracted from the gold text ("" when none)
 * @param predAnswer the answer extracted from the prediction ("" when none)
 * @param detail "" or, with {@code no_answer} in strict extraction, {@link #FORMAT}: the
 *     prediction has no answer in the place its prompt asked for (a round reports it as
 *     {@code no_answer} with detail {@code format})
 */
public record MathCheck(boolean equivalent, MathReason reason, String goldAnswer, String predAnswer, String detail) {

  /** Detail of a strict check whose prediction lacks the asked-for answer place. */
  public static final String FORMAT = "format";

  public MathCheck {
    goldAnswer = goldAnswer == null ? "" : goldAnswer;
    predAnswer = predAnswer == null ? "" : predAnswer;
    detail = detail == null ? "" : detail;
  }

  public MathCheck(boolean equivalent, MathReason reason, String goldAnswer, String predAnswer) {
    this(equivalent, reason, goldAnswer, predAnswer, "");
  }

  /** Whether this is a strict check's format failure ({@code no_answer}, detail {@code format}). */
  public boolean formatFailure() {
    return reason == MathReason.NO_ANSWER && FORMAT.equals(detail);
  }
}

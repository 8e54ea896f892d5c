package dev.assay.verify.math;

/**
 * The result of comparing a gold answer with a predicted one.
 *
 * @param equivalent true when the two answers are the same mathematical object
 * @param reason {@code equal}, {@code not_equal}, {@code no_answer} (nothing extractable in the
 *     prediction or the gold), {@code parse_error}, or {@code timeout}
 * @param goldAnswer the answer extracted from the gold text ("" when none)
 * @param predAnswer the answer extracted from the prediction ("" when none)
 */
public record MathCheck(boolean equivalent, MathReason reason, String goldAnswer, String predAnswer) {

  public MathCheck {
    goldAnswer = goldAnswer == null ? "" : goldAnswer;
    predAnswer = predAnswer == null ? "" : predAnswer;
  }
}

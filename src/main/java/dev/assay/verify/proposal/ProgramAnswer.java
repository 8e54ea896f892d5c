package dev.assay.verify.proposal;

/**
 * A program-aided (TinyGSM) answer: what a proposed {@code solution()} returned, run twice in the
 * sandbox, or why there is none.
 *
 * @param answer the answer as an exact number string (integer, reduced fraction, decimal), null when rejected
 * @param rejection null when there is an answer: else {@code program_failed}, {@code nondeterministic} or
 *     {@code unparseable_answer}
 */
public record ProgramAnswer(String answer, Rejection rejection, String detail) {
  public ProgramAnswer {
    detail = detail == null ? "" : detail;
  }
}

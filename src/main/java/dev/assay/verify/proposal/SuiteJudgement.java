package dev.assay.verify.proposal;

import java.util.List;

/**
 * The verdict on a generated test suite.
 *
 * @param rejection null when the suite (its kept tests) is used, else why not
 * @param detail a human explanation (which trivial solution passed, ...)
 * @param keptTests the tests the reference passes, in order
 * @param droppedTests indices (into the given tests) of tests the reference fails
 * @param trivialPassRate the largest share of kept tests one trivial solution passes (0..1)
 * @param dualAgreement CodeT score of the best consensus set, normalised to 0..1 by
 *     (candidates x kept tests); -1 without candidates
 * @param consensusCandidates indices of the candidates in the best consensus set
 * @param consensusTests indices (into keptTests) the best consensus set passes
 */
public record SuiteJudgement(
    Rejection rejection, String detail, List<String> keptTests, List<Integer> droppedTests, double trivialPassRate,
    double dualAgreement, List<Integer> consensusCandidates, List<Integer> consensusTests) {

  public SuiteJudgement {
    detail = detail == null ? "" : detail;
    keptTests = List.copyOf(keptTests);
    droppedTests = List.copyOf(droppedTests);
    consensusCandidates = List.copyOf(consensusCandidates);
    consensusTests = List.copyOf(consensusTests);
  }

  public boolean accepted() {
    return rejection == null;
  }

  SuiteJudgement reject(Rejection why, String text) {
    return new SuiteJudgement(why, text, keptTests, droppedTests, trivialPassRate, dualAgreement, consensusCandidates,
        consensusTests);
  }
}

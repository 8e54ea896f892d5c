package dev.assay.verify.code;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The verdict on a generated test suite.
 *
 * @param accepted whether the suite (its kept tests) is used
 * @param reason ok, too_few_tests, reference_fails_tests, trivial_solution_passes:&lt;which&gt;,
 *     low_dual_agreement
 * @param detail a human explanation
 * @param keptTests the tests the reference passes, in order
 * @param droppedTests indices (into the given tests) of tests the reference fails
 * @param trivialPassRate the largest share of kept tests one trivial solution passes (0..1)
 * @param dualAgreement CodeT score of the best consensus set, normalised to 0..1 by
 *     (candidates x kept tests); -1 without candidates
 * @param consensusCandidates indices of the candidates in the best consensus set
 * @param consensusTests indices (into keptTests) the best consensus set passes
 */
public record SuiteJudgement(
    boolean accepted, String reason, String detail, List<String> keptTests,
    List<Integer> droppedTests, double trivialPassRate, double dualAgreement,
    List<Integer> consensusCandidates, List<Integer> consensusTests) {

  public SuiteJudgement {
    keptTests = List.copyOf(keptTests);
    droppedTests = List.copyOf(droppedTests);
    consensusCandidates = List.copyOf(consensusCandidates);
    consensusTests = List.copyOf(consensusTests);
  }

  SuiteJudgement reject(String why, String text) {
    return new SuiteJudgement(false, why, text, keptTests, droppedTests, trivialPassRate,
        dualAgreement, consensusCandidates, consensusTests);
  }

  public JsonObject toJson() {
    return new JsonObject().put("accepted", accepted).put("reason", reason)
        .put("detail", detail).put("kept_tests", new JsonArray(keptTests))
        .put("dropped_tests", new JsonArray(droppedTests))
        .put("trivial_pass_rate", trivialPassRate).put("dual_agreement", dualAgreement)
        .put("consensus_candidates", new JsonArray(consensusCandidates))
        .put("consensus_tests", new JsonArray(consensusTests));
  }
}

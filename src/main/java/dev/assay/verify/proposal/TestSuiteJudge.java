package dev.assay.verify.proposal;

import dev.assay.verify.code.CodeTask;
import dev.assay.verify.code.CodeVerdict;
import dev.assay.verify.code.CodeVerifier;
import dev.assay.verify.code.TestResult;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether tests a model generated can be trusted. Tests the reference solution fails
 * are dropped (too few left rejects the suite); a suite that a trivial solution (a constant,
 * the input unchanged) passes is rejected; with sampled candidates the suite gets a CodeT-style
 * dual-agreement score: candidates that pass exactly the same tests form a consensus set, a
 * set scores |candidates| x |tests passed|, and the best set's score over
 * (candidates x tests) is stored and can be required to reach a threshold.
 */
public final class TestSuiteJudge {

  private final CodeVerifier verifier;
  private final TestSuiteJudgeOptions options;

  public TestSuiteJudge(CodeVerifier verifier, TestSuiteJudgeOptions options) {
    this.verifier = verifier;
    this.options = options;
  }

  public TestSuiteJudge(CodeVerifier verifier) {
    this(verifier, TestSuiteJudgeOptions.defaults());
  }

  /** Judges one suite; fails only when the sandbox is broken or the suite malformed. */
  public Future<SuiteJudgement> judge(GeneratedSuite suite) {
    if (suite.tests().size() < options.minTests()) {
      return Future.succeededFuture(empty(suite.tests(), List.of())
          .reject(Rejection.TOO_FEW_TESTS, suite.tests().size() + " < " + options.minTests()));
    }
    return verifier.verify(suite.task(suite.tests()), suite.reference())
        .compose(ref -> afterReference(suite, ref));
  }

  private Future<SuiteJudgement> afterReference(GeneratedSuite suite, CodeVerdict ref) {
    List<String> kept = new ArrayList<>();
    List<Integer> dropped = new ArrayList<>();
    for (int i = 0; i < suite.tests().size(); i++) {
      boolean ok = i < ref.tests().size() && ref.tests().get(i).passed();
      if (ok) {
        kept.add(suite.tests().get(i));
      } else {
        dropped.add(i);
      }
    }
    SuiteJudgement base = empty(kept, dropped);
    if (kept.size() < options.minTests()) {
      return Future.succeededFuture(base.reject(Rejection.REFERENCE_FAILS_TESTS, "the reference passes "
          + kept.size() + " of " + suite.tests().size() + " tests: " + ref.verdict().detail()));
    }
    CodeTask task = suite.task(kept);
    Map<String, Future<CodeVerdict>> runs = new LinkedHashMap<>();
    options.trivials().forEach((name, body) ->
        runs.put(name, verifier.verify(task, body.formatted(suite.entryPoint()))));
    return Future.all(new ArrayList<>(runs.values()))
        .compose(x -> trivials(suite, task, base, runs));
  }

  private Future<SuiteJudgement> trivials(GeneratedSuite suite, CodeTask task,
      SuiteJudgement base, Map<String, Future<CodeVerdict>> runs) {
    double worst = 0;
    String worstName = "";
    for (Map.Entry<String, Future<CodeVerdict>> e : runs.entrySet()) {
      CodeVerdict v = e.getValue().result();
      double rate = (double) v.testsPassed() / base.keptTests().size();
      if (rate > worst) {
        worst = rate;
        worstName = e.getKey();
      }
    }
    SuiteJudgement withRate = new SuiteJudgement(null, "", base.keptTests(),
        base.droppedTests(), worst, -1, List.of(), List.of());
    if (worst > options.maxTrivialPassRate()) {
      return Future.succeededFuture(withRate.reject(Rejection.TRIVIAL_SOLUTION_PASSES,
          worstName + " passes " + Math.round(worst * 100) + "% of the kept tests"));
    }
    if (suite.candidates().isEmpty()) {
      return Future.succeededFuture(withRate);
    }
    List<Future<CodeVerdict>> cands = new ArrayList<>();
    suite.candidates().forEach(c -> cands.add(verifier.verify(task, c)));
    return Future.all(cands).map(x -> agreement(withRate, cands));
  }

  private SuiteJudgement agreement(SuiteJudgement s, List<Future<CodeVerdict>> cands) {
    int nTests = s.keptTests().size();
    Map<BitSet, List<Integer>> sets = new LinkedHashMap<>();
    for (int c = 0; c < cands.size(); c++) {
      List<TestResult> r = cands.get(c).result().tests();
      BitSet passed = new BitSet(nTests);
      for (int t = 0; t < nTests && t < r.size(); t++) {
        if (r.get(t).passed()) {
          passed.set(t);
        }
      }
      sets.computeIfAbsent(passed, k -> new ArrayList<>()).add(c);
    }
    BitSet best = null;
    long bestScore = -1;
    for (Map.Entry<BitSet, List<Integer>> e : sets.entrySet()) {
      long score = (long) e.getValue().size() * e.getKey().cardinality();
      if (score > bestScore) {
        bestScore = score;
        best = e.getKey();
      }
    }
    double norm = (double) bestScore / ((long) cands.size() * nTests);
    List<Integer> tests = best.stream().boxed().toList();
    SuiteJudgement scored = new SuiteJudgement(null, "", s.keptTests(), s.droppedTests(),
        s.trivialPassRate(), norm, sets.get(best), tests);
    return norm < options.minDualAgreement()
        ? scored.reject(Rejection.LOW_DUAL_AGREEMENT, "best consensus scores " + norm + " < "
            + options.minDualAgreement())
        : scored;
  }

  private static SuiteJudgement empty(List<String> kept, List<Integer> dropped) {
    return new SuiteJudgement(null, "", kept, dropped, 0, -1, List.of(), List.of());
  }
}

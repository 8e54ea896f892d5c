package dev.assay.verify.proposal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thresholds of {@link TestSuiteJudge}.
 *
 * @param minTests fewest tests the reference must pass for the suite to be kept, default 2
 * @param maxTrivialPassRate a trivial solution passing more than this share of the kept tests
 *     rejects the suite, default 0.999 (= only when it passes them all)
 * @param minDualAgreement with candidates, the normalised CodeT score below which the suite
 *     is rejected, default 0 (score stored, nothing rejected)
 * @param trivials name to full-function body template ({@code %s} = entry point) of the
 *     trivial solutions tried
 */
public record TestSuiteJudgeOptions(
    int minTests, double maxTrivialPassRate, double minDualAgreement,
    Map<String, String> trivials) {

  public static final int DEFAULT_MIN_TESTS = 2;
  public static final double DEFAULT_MAX_TRIVIAL_PASS_RATE = 0.999;
  public static final double DEFAULT_MIN_DUAL_AGREEMENT = 0.0;

  public TestSuiteJudgeOptions {
    trivials = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trivials));
  }

  public static TestSuiteJudgeOptions defaults() {
    Map<String, String> t = new LinkedHashMap<>();
    String sig = "def %s(*args, **kwargs):\n    return ";
    t.put("constant_none", sig + "None\n");
    t.put("constant_0", sig + "0\n");
    t.put("constant_1", sig + "1\n");
    t.put("constant_true", sig + "True\n");
    t.put("constant_false", sig + "False\n");
    t.put("constant_empty_str", sig + "''\n");
    t.put("constant_empty_list", sig + "[]\n");
    t.put("identity", sig + "args[0] if args else None\n");
    return new TestSuiteJudgeOptions(DEFAULT_MIN_TESTS, DEFAULT_MAX_TRIVIAL_PASS_RATE,
        DEFAULT_MIN_DUAL_AGREEMENT, t);
  }

  public TestSuiteJudgeOptions withThresholds(int minTests, double maxTrivialPassRate,
      double minDualAgreement) {
    return new TestSuiteJudgeOptions(minTests, maxTrivialPassRate, minDualAgreement, trivials);
  }
}

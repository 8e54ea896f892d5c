package dev.assay.verify.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pathological inputs come back as {@code timeout} or {@code parse_error} instead of hanging a
 * thread (the {@code @Timeout}s only guard against a hang), and the checker gives the same answers
 * from many threads at once.
 */
class MathTimeoutTest {
  private final MathChecker checker = MathChecker.create();
  private final MathOptions fast = new MathOptions(MatchMode.AUTO, 6, true, false, 300);

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void towerOfPowersIsATimeoutNotAHang() {
    MathCheck r = checker.check("1", "\\boxed{10^{10^{10^{10}}}}", fast);
    assertThat(r.equivalent()).isFalse();
    assertThat(r.reason()).isEqualTo(MathReason.TIMEOUT);
    MathCheck r2 = checker.check("2^{2^{2^{2^{2^{2}}}}}", "\\boxed{2^{2^{2^{2^{2^{2}}}}}}", fast);
    assertThat(r2.reason()).isIn(MathReason.TIMEOUT, MathReason.EQUAL);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void deepNestingIsAParseErrorNotAStackOverflow() {
    String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
    MathCheck r = checker.check("1", "\\boxed{" + deep + "}", fast);
    assertThat(r.equivalent()).isFalse();
    assertThat(r.reason()).isIn(MathReason.PARSE_ERROR, MathReason.TIMEOUT);
    for (String nest : List.of("\\sqrt".repeat(5000) + "2", "a_{".repeat(3000) + "n-1" + "}".repeat(3000),
        "-".repeat(5000) + "1", "2^".repeat(5000) + "2", "\\sin".repeat(5000) + " x")) {
      MathCheck n = checker.check("1", "\\boxed{" + nest + "}", fast);
      assertThat(n.equivalent()).isFalse();
      assertThat(n.reason()).isIn(MathReason.PARSE_ERROR, MathReason.TIMEOUT);
    }
    String braces = "\\frac{".repeat(3000) + "1" + "}{2}".repeat(3000);
    MathCheck r2 = checker.check("1", "$" + braces + "$", fast);
    assertThat(r2.reason()).isIn(MathReason.PARSE_ERROR, MathReason.TIMEOUT, MathReason.NO_ANSWER);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void hugeAnswersStayBounded() {
    String longSum = "1+".repeat(200_000) + "1";
    MathCheck r = checker.check("200001", "\\boxed{" + longSum + "}", fast);
    assertThat(r.reason()).isIn(MathReason.EQUAL, MathReason.TIMEOUT);
    String noise = "$a$ answer ".repeat(100_000) + "$";
    MathCheck r2 = checker.check("7", noise, fast);
    assertThat(r2.equivalent()).isFalse();
    assertThat(r2.reason()).isIn(MathReason.TIMEOUT, MathReason.NOT_EQUAL, MathReason.NO_ANSWER, MathReason.PARSE_ERROR);
    MathCheck r3 = checker.check("1", "\\boxed{1000000!}", fast);
    assertThat(r3.equivalent()).isFalse();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void strictExtractionOfHugeAdversarialTextStaysBounded() {
    MathOptions strict = fast.withExtraction(ExtractionMode.STRICT);
    for (String t : List.of("the answer is ".repeat(100_000), "{\"a\": \"".repeat(50_000) + "7",
        "\"7".repeat(100_000), "```\n".repeat(50_000), "\\boxed{".repeat(50_000) + "7",
        "{\"k\": {\"k\": ".repeat(30_000) + "\\boxed{7}",
        // its last statement says 8: wrong whether the budget runs out first (slow) or not (warm JIT)
        "Answer: $".repeat(50_000) + "8.")) {
      MathCheck r = checker.check("7", t, strict);
      assertThat(r.equivalent()).as(t.substring(0, 20)).isFalse();
      assertThat(r.reason()).isIn(MathReason.TIMEOUT, MathReason.NO_ANSWER, MathReason.PARSE_ERROR, MathReason.NOT_EQUAL);
    }
  }

  @Test
  void emptyAndMissingAnswersAreNoAnswer() {
    assertThat(checker.check("5", "I do not know.", MathOptions.defaults()).reason()).isEqualTo(MathReason.NO_ANSWER);
    assertThat(checker.check("5", "", MathOptions.defaults()).reason()).isEqualTo(MathReason.NO_ANSWER);
    assertThat(checker.check("5", null, MathOptions.defaults()).reason()).isEqualTo(MathReason.NO_ANSWER);
    assertThat(checker.check("", "\\boxed{5}", MathOptions.defaults()).reason()).isEqualTo(MathReason.NO_ANSWER);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void manyThreadsGetTheSameAnswersAsOne() throws Exception {
    List<String[]> pairs = new ArrayList<>();
    List<String> golds = MathGoldSelfMatchTest.golds().subList(0, 400);
    for (int i = 0; i < golds.size(); i++) {
      pairs.add(new String[] {golds.get(i), "The answer is $\\boxed{" + golds.get((i * 7) % golds.size()) + "}$."});
    }
    List<MathCheck> sequential = new ArrayList<>();
    for (String[] p : pairs) {
      sequential.add(checker.check(p[0], p[1], MathOptions.defaults()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<MathCheck>> futures = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (String[] p : pairs) {
          futures.add(pool.submit(() -> checker.check(p[0], p[1], MathOptions.defaults())));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(sequential.get(i % pairs.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

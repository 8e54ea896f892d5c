package dev.assay.verify.math;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 2: every MATH-500 and GSM8K gold answer, wrapped as {@code \boxed{gold}} and as
 * "The answer is gold", matches itself; and no gold matches another problem's gold when the two
 * differ as values (20,000+ sampled cross pairs). Two golds "differ as values" unless they are
 * the same string after removing spaces, or are listed in {@link #SAME_VALUE} (pairs checked by
 * hand to be the same value written differently).
 */
class MathGoldSelfMatchTest {
  private static final Path PEER = Path.of("../shared/peer");
  private static final List<List<String>> SAME_VALUE = List.of(
      List.of("\\frac{1}{4}", "\\frac14"),
      List.of("\\frac{3}{4}", "\\frac 34"),
      List.of("10080", "10,\\!080"),
      List.of("90", "90^\\circ"),
      List.of("30", "30^\\circ"),
      List.of("120", "120^\\circ"),
      List.of("36", "36^\\circ"),
      List.of("5", "x=5"));
  private final MathChecker checker = MathChecker.create();

  static List<String> golds() throws IOException {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(PEER.resolve("math500.jsonl"))) {
      out.add(new JsonObject(l).getString("answer"));
    }
    for (String l : Files.readAllLines(PEER.resolve("gsm8k_test.jsonl"))) {
      out.add(new JsonObject(l).getString("final"));
    }
    return out;
  }

  @Test
  void everyGoldMatchesItselfBoxedAndInASentence() throws IOException {
    List<String> failures = new ArrayList<>();
    List<String> golds = golds();
    for (String g : golds) {
      for (String wrapped : List.of("\\boxed{" + g + "}", "The answer is " + g, "So the final answer is $\\boxed{" + g + "}$.")) {
        MathCheck r = checker.check(g, wrapped, MathOptions.defaults());
        if (!r.equivalent()) {
          failures.add(r.reason().wire() + " gold=[" + g + "] pred=[" + wrapped + "] extracted=[" + r.predAnswer() + "]");
        }
      }
    }
    failures.forEach(System.out::println);
    System.out.printf("gold self-match: %d golds, %d failures%n", golds.size(), failures.size());
    assertThat(failures).isEmpty();
  }

  @Test
  void referenceSolutionsMatchTheirGold() throws IOException {
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (String l : Files.readAllLines(PEER.resolve("math500.jsonl"))) {
      JsonObject j = new JsonObject(l);
      n++;
      MathCheck r = checker.check(j.getString("answer"), j.getString("solution"), MathOptions.defaults());
      if (!r.equivalent()) {
        failures.add("math500 " + r);
      }
    }
    for (String l : Files.readAllLines(PEER.resolve("gsm8k_test.jsonl"))) {
      JsonObject j = new JsonObject(l);
      n++;
      MathCheck r = checker.check(j.getString("final"), j.getString("answer"), MathOptions.defaults());
      if (!r.equivalent()) {
        failures.add("gsm8k " + r);
      }
    }
    failures.forEach(System.out::println);
    System.out.printf("reference solutions: %d checked, %d failures%n", n, failures.size());
    assertThat(failures).isEmpty();
  }

  @Test
  void noGoldMatchesADifferentGold() throws IOException {
    List<String> golds = golds();
    Random rnd = new Random(42);
    List<String> wrong = new ArrayList<>();
    int pairs = 0;
    int matched = 0;
    for (int n = 0; n < 25_000; n++) {
      String a = golds.get(rnd.nextInt(golds.size()));
      String b = golds.get(rnd.nextInt(golds.size()));
      if (sameValue(a, b)) {
        continue;
      }
      pairs++;
      MathCheck r = checker.check(a, "\\boxed{" + b + "}", MathOptions.defaults());
      if (r.equivalent()) {
        matched++;
        wrong.add("gold=[" + a + "] pred=[" + b + "]");
      }
    }
    wrong.stream().distinct().forEach(System.out::println);
    System.out.printf("cross pairs: %d checked, %d matched%n", pairs, matched);
    assertThat(pairs).isGreaterThanOrEqualTo(20_000);
    assertThat(wrong).isEmpty();
  }

  private static boolean sameValue(String a, String b) {
    String x = a.replace(" ", "");
    String y = b.replace(" ", "");
    if (x.equals(y)) {
      return true;
    }
    for (List<String> p : SAME_VALUE) {
      if (p.contains(a) && p.contains(b)) {
        return true;
      }
    }
    return false;
  }
}

package dev.assay.verify.math;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 1: Math-Verify's own test cases and the MATH grader's, each checked in its own
 * extraction mode with its precision / strict / allow_set_relation_comp. At least 99% must agree
 * with {@code expected} and no case may be a false positive. Prints every disagreement.
 */
class MathEquivalenceCasesTest {
  private static final Path PEER = Path.of("../shared/peer");
  private final MathChecker checker = MathChecker.create();

  static MathOptions optionsOf(JsonObject c) {
    String match = c.getString("match", "auto");
    MatchMode mode = switch (match) {
      case "latex", "expr", "latex+expr" -> MatchMode.parse(match);
      default -> MatchMode.AUTO;
    };
    if ("parse_defaults".equals(c.getString("harness"))) {
      mode = MatchMode.AUTO;
    }
    return new MathOptions(mode, c.getInteger("precision", 6), c.getBoolean("strict", true),
        c.getBoolean("allow_set_relation_comp", false), 5_000);
  }

  private List<String> run(String file, int[] counts) throws IOException {
    List<String> bad = new ArrayList<>();
    int line = 0;
    for (String l : Files.readAllLines(PEER.resolve(file))) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      JsonObject c = new JsonObject(l);
      MathCheck r = checker.check(c.getString("gold"), c.getString("pred"), optionsOf(c));
      boolean expected = c.getBoolean("expected");
      counts[0]++;
      if (r.equivalent() != expected) {
        if (r.equivalent()) {
          counts[1]++;
        }
        bad.add(String.format("%s:%d expected=%s got=%s reason=%s gold=[%s] pred=[%s]", file, line,
            expected, r.equivalent(), r.reason().wire(), r.goldAnswer(), r.predAnswer()));
      }
    }
    return bad;
  }

  @Test
  void agreesWithMathVerifyAndMathGraderWithoutFalsePositives() throws IOException {
    int[] counts = new int[2];
    List<String> bad = new ArrayList<>(run("math_equivalence.jsonl", counts));
    bad.addAll(run("extra_equivalence.jsonl", counts));
    bad.forEach(System.out::println);
    double agreement = 1.0 - (double) bad.size() / counts[0];
    System.out.printf("math equivalence: %d cases, %d disagreements, %d false positives, agreement %.4f%n",
        counts[0], bad.size(), counts[1], agreement);
    assertThat(counts[0]).isEqualTo(286);
    assertThat(counts[1]).as("false positives").isZero();
    assertThat(agreement).isGreaterThanOrEqualTo(0.99);
  }
}

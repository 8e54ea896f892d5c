package dev.assay.verify.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, "answers in the format that was asked for": strict extraction reads only the asked-for
 * place and never turns a number from quotes, code, JSON or mid-text into an {@code equal};
 * lenient extraction keeps Math-Verify's behaviour but fixes the two real-model cases.
 */
class MathStrictExtractionTest {
  private static final String JSON_ANSWER =
      "[{\"problem\": \"A box holds 6 rows of 9 eggs. How many eggs are in the box?\", \"answer\": \"54\"}]";
  private static final String QUOTED_ANSWER = "The answer is \"42\"";

  private final MathChecker checker = MathChecker.create();
  private final MathOptions lenient = MathOptions.defaults();
  private final MathOptions strict = MathOptions.defaults().withExtraction(ExtractionMode.STRICT);

  @Test
  void jsonWithQuotedAnswerIsNeverEqualToANumberFromItsProblemText() {
    MathCheck l = checker.check("9", JSON_ANSWER, lenient);
    assertThat(l.equivalent()).as(l.toString()).isFalse();
    assertThat(l.reason()).isIn(MathReason.NOT_EQUAL, MathReason.NO_ANSWER);
    MathCheck s = checker.check("9", JSON_ANSWER, strict);
    assertThat(s.equivalent()).isFalse();
    assertThat(s.reason()).isEqualTo(MathReason.NO_ANSWER);
    assertThat(s.detail()).isEqualTo(MathCheck.FORMAT);
    assertThat(s.formatFailure()).isTrue();
  }

  @Test
  void quotedAnswerStatementIsEqualInBothModesAndAFormatFailureWhenOnlyABoxWasAsked() {
    assertThat(checker.check("42", QUOTED_ANSWER, lenient).reason()).isEqualTo(MathReason.EQUAL);
    assertThat(checker.check("42", QUOTED_ANSWER + ".", lenient).reason()).isEqualTo(MathReason.EQUAL);
    assertThat(checker.check("42", QUOTED_ANSWER, strict).reason()).isEqualTo(MathReason.EQUAL);
    assertThat(checker.check("42", QUOTED_ANSWER, strict.withFormat(AnswerFormat.line())).reason())
        .isEqualTo(MathReason.EQUAL);
    MathCheck boxedOnly = checker.check("42", QUOTED_ANSWER, strict.withFormat(AnswerFormat.boxed()));
    assertThat(boxedOnly.reason()).isEqualTo(MathReason.NO_ANSWER);
    assertThat(boxedOnly.detail()).isEqualTo("format");
    assertThat(checker.check("42", "\\boxed{42}", strict.withFormat(AnswerFormat.line())).formatFailure()).isTrue();
  }

  @ParameterizedTest(name = "[{index}] strict reads {1}")
  @MethodSource("answersInTheAskedForPlace")
  void strictDefaultReadsBoxesAndExplicitFinalAnswerStatements(String gold, String pred) {
    MathCheck r = checker.check(gold, pred, strict);
    assertThat(r.reason()).as(r.toString()).isEqualTo(MathReason.EQUAL);
  }

  static Stream<Arguments> answersInTheAskedForPlace() {
    return Stream.of(
        Arguments.of("42", "\\boxed{42}"),
        Arguments.of("42", "So the final answer is \\boxed{42}."),
        Arguments.of("42", "The answer is 42."),
        Arguments.of("42", "Final answer: 42"),
        Arguments.of("42", "Reasoning...\n#### 42"),
        Arguments.of("42", "**Final Answer:** 42"),
        Arguments.of("42", "The answer is **42**."),
        Arguments.of("42", "The answer is `42`."),
        Arguments.of("42", "Answer:\n42"),
        Arguments.of("42", "The answer is 42 dollars."),
        Arguments.of("\\frac{7}{2}", "Final Answer: The final answer is $\\frac{7}{2}$. I hope it is correct."),
        Arguments.of("3.5", "The answer to the problem is 3.5."),
        Arguments.of("7425000", "The answer is 7,425,000."),
        Arguments.of("\\text{Evelyn}", "The answer is Evelyn."),
        Arguments.of("\\text{(C)}", "The answer is (C)."),
        Arguments.of("1, 2", "The roots are \\boxed{1} and \\boxed{2}."),
        Arguments.of("54", "First I thought \\boxed{9}.\nBut that counts one row only; the box holds six rows of"
            + " nine eggs each.\nSo \\boxed{54}."),
        Arguments.of("54", "\\boxed{9} was a misreading.\nThe answer is 54."),
        Arguments.of("54", "The answer is 9.\nWait, 6 rows of 9 eggs is 54, so the answer is 54."),
        Arguments.of("5", "x = 5, and we check: 2(5) + 1 = 11. So \\boxed{5}. Our answer is correct."),
        Arguments.of("9", "Here is the code:\n```python\nprint(6 * 9)\n```\nIt prints 54; the question asks for one row: \\boxed{9}"));
  }

  @ParameterizedTest(name = "[{index}] gold {0} is not read from {1}")
  @MethodSource("adversarialOutputs")
  void strictNeverTakesANumberFromQuotesCodeJsonOrMidText(String gold, String pred) {
    MathCheck r = checker.check(gold, pred, strict);
    assertThat(r.equivalent()).as(r.toString()).isFalse();
    assertThat(r.reason()).isNotEqualTo(MathReason.EQUAL);
  }

  static Stream<Arguments> adversarialOutputs() {
    return Stream.of(
        Arguments.of("9", JSON_ANSWER),
        Arguments.of("6", JSON_ANSWER),
        Arguments.of("54", JSON_ANSWER),
        Arguments.of("9", "{\"answer\": 9}"),
        Arguments.of("9", "{'problem': 'rows of 9 eggs', 'answer': '54'}"),
        Arguments.of("9", "[{\"solution\": \"6 rows, so \\\\boxed{9}\"}]"),
        Arguments.of("9", "A box holds 6 rows of 9 eggs. How many eggs are there?\nThere are 6 rows with 9 eggs each."),
        Arguments.of("9", "```python\nrows, per_row = 6, 9\nprint(rows * per_row)\n```\nRunning it prints the total."),
        Arguments.of("9", "```latex\n\\boxed{9}\n```"),
        Arguments.of("9", "```\nanswer = 9\n"),
        Arguments.of("9", "Run `print(9)` to see it."),
        Arguments.of("9", "Use `The answer is 9` as the last line."),
        Arguments.of("9", "The problem says \"6 rows of 9 eggs\", so the total is 54."),
        Arguments.of("9", "The problem says \"the answer is 9\"; I disagree."),
        Arguments.of("9", "The clue “the answer is 9” is a trap."),
        Arguments.of("9", "First guess \\boxed{9}. That was wrong; recounting gives \\boxed{54}."),
        Arguments.of("9", "\\boxed{9} or \\boxed{54}"),
        Arguments.of("9", "The answer is not 9 but 54."),
        Arguments.of("54", "The answer is not 9 but 54."),
        Arguments.of("9", "Is the answer 9? No: 6 times 9 is 54."),
        Arguments.of("9", "The answer is 9?"),
        Arguments.of("9", "If the answer is 9, then the box holds 9 eggs, which is too few."),
        Arguments.of("9", "The final answer is $9$ if we count rows, but the question asks for eggs: $\\boxed{54}$."),
        Arguments.of("9", "The answer is 9.\n\nWait, I misread: 6 rows of 9 is 54, so the answer is 54."),
        Arguments.of("9", "\\boxed{\\text{not } 9}"),
        Arguments.of("9", "\\boxed{9 \\text{ is wrong}}"),
        Arguments.of("9", "| rows | eggs per row |\n|---|---|\n| 6 | 9 |"),
        Arguments.of("9", "There are 9 eggs in each of the 6 rows, 54 in all."),
        Arguments.of("9", "answer = 9 * 6"),
        Arguments.of("9", "The answer is 9 hundred."),
        Arguments.of("9", "The answer is 9 times larger."),
        Arguments.of("9", "Our answer is 9, assuming rows."),
        Arguments.of("9", "#### Step 9: multiply the rows"),
        Arguments.of("9", "Answer: \"9 rows\" is a misreading; \\boxed{54}"),
        Arguments.of("9", "9"),
        Arguments.of("9", ""));
  }

  @Test
  void regexFormatReadsItsGroupAndSkipsCode() {
    MathOptions tags = strict.withFormat(AnswerFormat.parse("regex:<answer>(.*?)</answer>"));
    assertThat(checker.check("42", "Thinking... <answer>42</answer>", tags).reason()).isEqualTo(MathReason.EQUAL);
    assertThat(checker.check("42", "<answer>7</answer> no, <answer>\"42\"</answer>", tags).reason()).isEqualTo(MathReason.EQUAL);
    assertThat(checker.check("42", "\\boxed{42}", tags).formatFailure()).isTrue();
    assertThat(checker.check("42", "`<answer>42</answer>` is the format.", tags).formatFailure()).isTrue();
    assertThat(checker.check("42", "<answer>not 42</answer>", tags).reason()).isEqualTo(MathReason.PARSE_ERROR);
  }

  @Test
  void formatsAndModesHaveWireFormsAndRefuseNonsense() {
    assertThat(AnswerFormat.parse(null)).isEqualTo(AnswerFormat.DEFAULT);
    assertThat(AnswerFormat.parse("boxed").wire()).isEqualTo("boxed");
    assertThat(AnswerFormat.parse("LINE")).isEqualTo(AnswerFormat.line());
    assertThat(AnswerFormat.DEFAULT.wire()).isEqualTo("boxed_or_line");
    assertThat(AnswerFormat.parse("regex:#(\\d+)#").wire()).isEqualTo("regex:#(\\d+)#");
    assertThatThrownBy(() -> AnswerFormat.parse("json")).isInstanceOf(AssayException.class).hasMessageContaining("json");
    assertThatThrownBy(() -> AnswerFormat.parse("regex:(a)(b)")).hasMessageContaining("exactly one capturing group");
    assertThatThrownBy(() -> AnswerFormat.parse("regex:(")).hasMessageContaining("does not compile");
    assertThat(ExtractionMode.parse(" Strict ")).isEqualTo(ExtractionMode.STRICT);
    assertThat(ExtractionMode.LENIENT.wire()).isEqualTo("lenient");
    assertThatThrownBy(() -> ExtractionMode.parse("yes")).hasMessageContaining("strict or lenient");
    assertThat(MathOptions.defaults().extraction()).isEqualTo(ExtractionMode.LENIENT);
    assertThat(checker.extract(QUOTED_ANSWER, strict)).contains("42");
    assertThat(checker.extract(JSON_ANSWER, strict)).isEmpty();
  }

  /**
   * The simulated model's three answer forms and the worked reference solutions of MATH-500 and
   * GSM8K all pass strict extraction, so a round that switches to strict loses no correct sample.
   */
  @Test
  void simulatorFormsAndReferenceSolutionsPassStrictExtraction() throws IOException {
    List<String> bad = new ArrayList<>();
    int n = 0;
    for (String l : Files.readAllLines(Path.of("../shared/peer/math500.jsonl"))) {
      JsonObject j = new JsonObject(l);
      String g = j.getString("answer");
      for (String p : List.of("So the final answer is \\boxed{" + g + "}.", "#### " + g, "The answer is " + g + ".",
          j.getString("solution"))) {
        n++;
        MathCheck r = checker.check(g, p, strict);
        if (!r.equivalent()) {
          bad.add(r + " for " + p);
        }
      }
    }
    for (String l : Files.readAllLines(Path.of("../shared/peer/gsm8k_test.jsonl"))) {
      JsonObject j = new JsonObject(l);
      n++;
      MathCheck r = checker.check(j.getString("final"), j.getString("answer"), strict);
      if (!r.equivalent()) {
        bad.add(r + " for " + j.getString("answer"));
      }
    }
    bad.forEach(System.out::println);
    assertThat(n).isEqualTo(2000 + 1319);
    assertThat(bad).isEmpty();
  }

  /** Strict extraction on Math-Verify's own cases: it may miss some, but never calls a wrong pair equal. */
  @Test
  void strictExtractionHasNoFalsePositiveOnMathVerifyCases() throws IOException {
    int cases = 0;
    int agree = 0;
    for (String file : List.of("math_equivalence.jsonl", "extra_equivalence.jsonl")) {
      for (String l : Files.readAllLines(Path.of("../shared/peer").resolve(file))) {
        if (l.isBlank()) {
          continue;
        }
        JsonObject c = new JsonObject(l);
        MathOptions o = MathEquivalenceCasesTest.optionsOf(c).withExtraction(ExtractionMode.STRICT);
        MathCheck r = checker.check(c.getString("gold"), c.getString("pred"), o);
        cases++;
        agree += r.equivalent() == c.getBoolean("expected") ? 1 : 0;
        assertThat(r.equivalent() && !c.getBoolean("expected")).as("false positive " + l).isFalse();
      }
    }
    System.out.printf("strict extraction on Math-Verify cases: %d/%d agree%n", agree, cases);
  }
}

package dev.assay.verify.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Extraction of the final answer from a whole model answer, and normalisation of its form. */
class MathExtractionTest {
  private final MathChecker checker = MathChecker.create();

  private String extract(String text) {
    return checker.extract(text, MatchMode.AUTO).orElse("<none>");
  }

  @Test
  void lastBoxWinsAndNestedBracesAreKept() {
    assertThat(extract("First \\boxed{1}. Later we fix it: \\boxed{\\frac{2}{3}}")).isEqualTo("\\frac{2}{3}");
    assertThat(extract("So $x = \\boxed{\\left\\{ 1, \\frac{\\sqrt{2}}{2} \\right\\}}$."))
        .isEqualTo("\\{ 1, \\frac{\\sqrt{2}}{2} \\}");
    assertThat(extract("It is \\fbox{42}.")).isEqualTo("42");
  }

  @Test
  void gsmHashesFinalAnswerSentenceAndLastMath() {
    assertThat(extract("She pays 3*6 = 18 dollars.\n#### 18")).isEqualTo("18");
    assertThat(extract("Final Answer: The final answer is $\\frac{7}{2}$. I hope it is correct.")).isEqualTo("\\frac{7}{2}");
    assertThat(extract("Thus the answer is 12.")).isEqualTo("12");
    assertThat(extract("We get $x=2$ and then $y = 7$ at the end")).isEqualTo("y = 7");
    assertThat(extract("Adding them gives 15 and subtracting 4 gives 11")).isEqualTo("11");
    assertThat(extract("no digits here at all")).isEqualTo("<none>");
  }

  @Test
  void multipleChoiceLettersAreMatched() {
    MathOptions o = MathOptions.defaults();
    assertThat(checker.check("\\text{(B)}", "Comparing the options, the answer is (B).", o).equivalent()).isTrue();
    assertThat(checker.check("B", "The correct answer is: **B**", o).equivalent()).isTrue();
    assertThat(checker.check("\\text{(B)}", "The answer is (C).", o).equivalent()).isFalse();
    assertThat(checker.check("\\text{(C)}", "**(C)**", o).equivalent()).isTrue();
  }

  @Test
  void separateBoxesJoinOnlyWhenAConnectorSeparatesThem() {
    MathOptions o = MathOptions.defaults();
    assertThat(checker.check("1, 2", "The roots are \\boxed{1} and \\boxed{2}.", o).equivalent()).isTrue();
    assertThat(checker.check("1, 2", "Try \\boxed{1}. That fails because the denominator vanishes, so the real answer is \\boxed{2}.", o).equivalent()).isFalse();
  }

  @ParameterizedTest(name = "{0} equals {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "\\frac{1}{2} | \\boxed{\\dfrac{1}{2}}",
    "\\frac{1}{2} | \\boxed{\\tfrac12}",
    "\\sqrt[3]{8} | \\boxed{2}",
    "\\left( 3, \\frac{\\pi}{2} \\right) | \\boxed{(3, \\pi/2)}",
    "15 | \\boxed{15\\text{ cm}^2}",
    "125 | The distance is $\\boxed{125\\textnormal{ miles}}$.",
    "5.4 | \\boxed{5.4 \\text{ cents}}",
    "90 | \\boxed{90^{\\circ}}",
    "45 | \\boxed{45°}",
    "28 | The loss is $\\boxed{28\\%}$.",
    "7425000 | \\boxed{7,425,000}",
    "1000 | The final answer is 1 000",
    "12 | The answer is \\boxed{12}.",
    "\\pi | \\boxed{π}",
    "2\\pi r | \\boxed{2 r \\pi}",
    "e^2 | \\boxed{e\\cdot e}",
    "(-\\infty, 0] | \\boxed{(-∞, 0]}",
    "x \\le 3 | \\boxed{x ≤ 3}",
    "1 \\pm \\sqrt 2 | \\boxed{1 ± \\sqrt{2}}",
    "2x(x+1) | \\boxed{2x^2 + 2x}",
    "\\frac13 | \\boxed{1/3}",
    "\\frac{1}{3} | \\boxed{frac13}",
    "\\sqrt{2} | The answer is sqrt(2).",
    "2\\pi | \\boxed{2pi}",
    "3\\frac{1}{2} | \\boxed{3.5}",
    "-2\\frac{1}{4} | \\boxed{-9/4}",
    "\\frac{9}{4}\\pi | \\boxed{\\frac94\\pi}",
    "x = 3 | \\boxed{3}",
    "3 | \\boxed{3 = x}",
    "5 | It is 5",
    "3 | We solve and get $\\boxed{x = 3}$.",
    "2 + 3i | \\boxed{3i + 2}",
    "(1, 2) | \\boxed{\\left(1,2\\right)}",
    "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} | \\boxed{\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}}",
    "\\log_2 8 | \\boxed{3}",
    "\\ln(e^3) | \\boxed{3}",
    "\\lvert -5 \\rvert | \\boxed{5}",
    "\\sum_{k=1}^{4} k | \\boxed{10}",
  })
  void normalisedFormsAreEqual(String gold, String pred) {
    MathCheck r = checker.check(gold, pred, MathOptions.defaults());
    assertThat(r.equivalent()).as(r.toString()).isTrue();
  }

  @Test
  void modesAndReasonsHaveWireForms() {
    assertThat(MatchMode.parse("latex+expr")).isEqualTo(MatchMode.LATEX_EXPR);
    assertThat(MatchMode.parse("expr")).isEqualTo(MatchMode.EXPR);
    assertThat(MatchMode.parse(null)).isEqualTo(MatchMode.AUTO);
    assertThat(MatchMode.LATEX_EXPR.wire()).isEqualTo("latex+expr");
    assertThatThrownBy(() -> MatchMode.parse("regex")).isInstanceOf(AssayException.class);
    assertThat(MathReason.PARSE_ERROR.wire()).isEqualTo("parse_error");
    assertThat(MathOptions.defaults().precision()).isEqualTo(6);
  }

  @Test
  void exprModeReadsDecimalCommasAndLatexModeIgnoresPlainNumbers() {
    MathOptions expr = MathOptions.defaults().withMode(MatchMode.EXPR);
    assertThat(checker.check("2.74", "Soucis : 2,74 $ a..", expr).equivalent()).isTrue();
    MathOptions latex = MathOptions.defaults().withMode(MatchMode.LATEX);
    assertThat(checker.check("$5$", "the result is 5", latex).reason()).isEqualTo(MathReason.NO_ANSWER);
  }
}

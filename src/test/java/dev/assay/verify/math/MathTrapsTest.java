package dev.assay.verify.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known traps must not pass; equal answers in other forms must. */
class MathTrapsTest {
  private final MathChecker checker = MathChecker.create();

  private MathCheck check(String gold, String pred) {
    return checker.check(gold, pred, MathOptions.defaults());
  }

  @ParameterizedTest(name = "{0} is not {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "3x-y+13=0 | The answer is $3x+4y+14=0$.",
    "x+y-z+2=0 | $\\boxed{5x-7y+11z+4=0}$",
    "y = 2x + 3 | $\\boxed{y = 2x + 4}$",
    "1, 2 | \\boxed{1}",
    "1, 2 | \\boxed{2}",
    "\\{1, 2, 3\\} | \\boxed{1, 2}",
    "1 \\pm \\sqrt{19} | \\boxed{1 + \\sqrt{19}}",
    "\\pm 2021 | \\boxed{2021}",
    "(1, 5) | \\boxed{[1, 5]}",
    "[1, 5) | \\boxed{[1, 5]}",
    "(3, 4] | \\boxed{(3, 4)}",
    "(-\\infty, 0] | \\boxed{(-\\infty, 0)}",
    "(2, \\infty) | \\boxed{[2, \\infty)}",
    "\\frac{1}{3} | \\boxed{0.33}",
    "16386.16 | \\boxed{16386.17}",
    "4 | \\boxed{4\\sqrt{2}}",
    "x^2+2x+1 | \\boxed{x^2+2x+2}",
    "(x+1)^2 | \\boxed{(y+1)^2}",
    "\\text{(C)} | The answer is (D).",
    "\\text{Evelyn} | \\boxed{\\text{Carla}}",
    "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} | \\boxed{\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}}",
    "x > 5 | \\boxed{x \\ge 5}",
    "x < 3 | \\boxed{x > 3}",
    "6 - 5i | \\boxed{6 + 5i}",
    "52_8 | \\boxed{52}",
    "(6,31,-1) | \\boxed{(6,-1,31)}",
    "2 | AZYUK2A",
    "-2,1 | \\boxed{-2}",
    "10 | \\boxed{100}",
    ".0000672 | \\boxed{.0000673}",
    "(6,31,-1) | \\boxed{[6,31,-1)}",
    "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} | \\boxed{\\begin{pmatriy} 1 \\\\ 2 \\end{pmatriy}}",
  })
  void trapIsNotEqual(String gold, String pred) {
    MathCheck r = check(gold, pred);
    assertThat(r.equivalent()).as(r.toString()).isFalse();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "\\frac{\\sqrt{2}}{2} | \\boxed{1/\\sqrt2}",
    "(x+1)^2 | \\boxed{x^2+2x+1}",
    "x^2+2x+1 | The answer is $(x+1)^2$.",
    "\\frac{1}{2} | The final answer is 0.5",
    "0.5 | \\boxed{\\frac12}",
    "\\frac{14}{3} | so the answer is $\\boxed{4\\frac{2}{3}}$",
    "1\\frac{4}{5} | \\boxed{\\frac{9}{5}}",
    "137 \\frac{1}{2} | \\boxed{137.5}",
    "7425000 | The total is 7,425,000 dollars.",
    "1450000 | #### 1,450,000",
    "18 | Janet makes 18 dollars.\\n#### 18",
    "90^\\circ | \\boxed{90}",
    "25\\% | \\boxed{25}",
    "\\$18.90 | \\boxed{18.9}",
    "1 \\pm \\sqrt{19} | \\boxed{1 - \\sqrt{19}, 1 + \\sqrt{19}}",
    "-2,1 | \\boxed{1, -2}",
    "x = 5 | \\boxed{5}",
    "5 | \\boxed{x = 5}",
    "(-\\infty, 2) \\cup (3, \\infty) | \\boxed{(3,\\infty)\\cup(-\\infty,2)}",
    "x \\in [-2,7] | \\boxed{[-2, 7]}",
    "-2 \\le x \\le 7 | \\boxed{[-2, 7]}",
    "6 - 5i | \\boxed{6-5i}",
    "\\pi | \\boxed{\\pi}",
    "\\text{(C)} | The answer is (C).",
    "\\text{(C)} | \\boxed{C}",
    "2\\sin b\\cos a | \\boxed{\\sin(a+b) - \\sin(a-b)}",
    "\\tan^2 y + 1 | \\boxed{\\sec^2 y}",
    "5x - 7y + 11z + 4 = 0 | \\boxed{-5x + 7y - 11z - 4 = 0}",
    "y = 2x + 3 | \\boxed{2x - y + 3 = 0}",
    "\\sqrt{50} | \\boxed{5\\sqrt2}",
    "3\\sqrt{13} | √117",
    "2k+2 | \\boxed{2(k+1)}",
    "\\frac{3}{4}i | \\boxed{0.75i}",
    "8 \\pi | \\boxed{8\\pi}",
    "\\dfrac{33}{100} | \\boxed{0.33}",
    "10,\\!080 | \\boxed{10080}",
    "\\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix} | \\boxed{\\begin{pmatrix} -\\frac13 \\\\ \\frac23 \\\\ \\frac53 \\end{pmatrix}}",
    "\\binom{5}{2} | \\boxed{10}",
    "5! | \\boxed{120}",
  })
  void equalFormsAreEqual(String gold, String pred) {
    MathCheck r = check(gold, pred.replace("\\n", "\n"));
    assertThat(r.equivalent()).as(r.toString()).isTrue();
    assertThat(r.reason()).isEqualTo(MathReason.EQUAL);
  }
}

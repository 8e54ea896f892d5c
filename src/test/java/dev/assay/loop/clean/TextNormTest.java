package dev.assay.loop.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormTest {
  @Test
  void caseSpacingAndPunctuationAreUnified() {
    assertThat(TextNorm.normalise("  How MANY eggs?\n\tJanet's ducks -- lay 16!  "))
        .isEqualTo(TextNorm.normalise("how many eggs janet’s ducks lay 16"))
        .isEqualTo("how many eggs janets ducks lay 16");
  }

  @Test
  void digitsAreKeptAndNumbersStayWhole() {
    assertThat(TextNorm.words("It costs $7,425.50, not 2.5 or 16.")).containsExactly("it", "costs", "7425.50", "not", "2.5", "or", "16");
    assertThat(TextNorm.normalise("lay 16 eggs")).isNotEqualTo(TextNorm.normalise("lay 17 eggs"));
    assertThat(TextNorm.words("pairs (1,2), (3,4)")).containsExactly("pairs", "1", "2", "3", "4");
  }

  @Test
  void unicodeCompatibilityFormsAndIdentifiers() {
    assertThat(TextNorm.normalise("ＡＢＣ １２")).isEqualTo("abc 12");
    assertThat(TextNorm.words("def has_close_elements(numbers: List[float]) -> bool:"))
        .containsExactly("def", "has_close_elements", "numbers", "list", "float", "bool");
  }

  @Test
  void nullAndEmptyHaveNoWords() {
    assertThat(TextNorm.words(null)).isEmpty();
    assertThat(TextNorm.normalise("?! ...")).isEmpty();
  }
}

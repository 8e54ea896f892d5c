package dev.assay.loop.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import org.junit.jupiter.api.Test;

class BandTest {
  @Test
  void openBandExcludesTrivialAndImpossible() {
    Band b = Band.parse("(0,1)");
    assertThat(b).isEqualTo(Band.LEARNABLE);
    assertThat(b.contains(0)).isFalse();
    assertThat(b.contains(1)).isFalse();
    assertThat(b.contains(0.125)).isTrue();
    assertThat(b.contains(Double.NaN)).isFalse();
    assertThat(b.containsRate(0, 8)).isFalse();
    assertThat(b.containsRate(8, 8)).isFalse();
    assertThat(b.containsRate(1, 8)).isTrue();
    assertThat(b.containsRate(0, 0)).isFalse();
  }

  @Test
  void closedAndMixedBrackets() {
    Band closed = Band.parse(" [0.1, 0.9] ");
    assertThat(closed).isEqualTo(new Band(0.1, 0.9, true, true));
    assertThat(closed.contains(0.1)).isTrue();
    assertThat(closed.contains(0.9)).isTrue();
    assertThat(closed.contains(0.95)).isFalse();
    Band mixed = Band.parse("(0, 1]");
    assertThat(mixed.contains(1)).isTrue();
    assertThat(mixed.contains(0)).isFalse();
    assertThat(mixed.toString()).isEqualTo("(0, 1]");
    assertThat(Band.parse(closed.toString())).isEqualTo(closed);
    assertThat(Band.parse("[.25,1e0)")).isEqualTo(new Band(0.25, 1, true, false));
  }

  @Test
  void malformedBandsAreConfigErrorsNamingTheText() {
    for (String s : new String[] {"0,1", "(0;1)", "(a, 1)", "(0, 1", "", "[0.9, 0.1]"}) {
      assertThatThrownBy(() -> Band.parse(s)).as(s).isInstanceOfSatisfying(AssayException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
        assertThat(e.getMessage()).startsWith("band '" + s + "'");
      });
    }
  }
}

package dev.assay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class PassAtKTest {
  @Test
  void knownValues() {
    assertThat(PassAtK.estimate(10, 1, 1)).isCloseTo(0.1, within(1e-15));
    assertThat(PassAtK.estimate(10, 0, 5)).isEqualTo(0.0);
    assertThat(PassAtK.estimate(10, 6, 5)).isEqualTo(1.0);
    assertThat(PassAtK.estimate(10, 10, 1)).isEqualTo(1.0);
    assertThat(PassAtK.estimate(4, 2, 2)).isCloseTo(5.0 / 6, within(1e-15)); // 1 - C(2,2)/C(4,2) = 1 - 1/6
    assertThat(PassAtK.estimate(8, 3, 8)).isEqualTo(1.0);
  }

  @Test
  void passAtOneIsThePassRate() {
    for (int n = 1; n <= 50; n++) {
      for (int c = 0; c <= n; c++) {
        assertThat(PassAtK.estimate(n, c, 1)).isCloseTo((double) c / n, within(1e-12));
      }
    }
  }

  @Test
  void matchesExactBinomialsAndStaysStableForLargeN() {
    for (int n : new int[] {1, 7, 20, 64, 200}) {
      for (int c = 0; c <= n; c += Math.max(1, n / 9)) {
        for (int k = 1; k <= n; k += Math.max(1, n / 7)) {
          assertThat(PassAtK.estimate(n, c, k)).as("n=%d c=%d k=%d", n, c, k).isCloseTo(exact(n, c, k), within(1e-12));
        }
      }
    }
    double big = PassAtK.estimate(100_000, 3, 1000);
    assertThat(big).isBetween(0.0, 1.0).isCloseTo(exact(100_000, 3, 1000), within(1e-12));
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> PassAtK.estimate(5, 6, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PassAtK.estimate(5, 1, 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PassAtK.estimate(5, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PassAtK.estimate(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static double exact(int n, int c, int k) {
    if (n - c < k) {
      return 1.0;
    }
    BigDecimal ratio = new BigDecimal(binom(n - c, k)).divide(new BigDecimal(binom(n, k)), MathContext.DECIMAL128);
    return BigDecimal.ONE.subtract(ratio).doubleValue();
  }

  private static BigInteger binom(int n, int k) {
    BigInteger r = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return r;
  }
}

package dev.assay.loop.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SampleFilterTest {
  static SampleFields fields(double passRate, int tokens, String domain) {
    return new SampleFields(passRate, tokens, tokens * 4, domain, 2, false, 8, (int) Math.round(passRate * 8));
  }

  @Test
  void goodExpressionFiltersOnSampleFields() {
    SampleFilter f = SampleFilter.compile("passRate > 0.1 && passRate < 0.9 && tokens < 2048");
    assertThat(f.test(fields(0.5, 100, "math"))).isTrue();
    assertThat(f.test(fields(0.5, 4096, "math"))).isFalse();
    assertThat(f.test(fields(1.0, 100, "math"))).isFalse();
    assertThat(f.test(fields(0.0, 100, "code"))).isFalse();
  }

  @Test
  void everyFieldStringsAndMathAreUsable() {
    SampleFilter f = SampleFilter.compile(
        "domain == \"math\" && !rationalized && round >= 2 && passed < samples && length > 10 && abs(passRate - 0.5) <= Math.max(0.3, 0)");
    assertThat(f.test(fields(0.5, 100, new String("math")))).isTrue();
    assertThat(f.test(fields(0.5, 100, "code"))).isFalse();
    assertThat(f.test(new SampleFields(0.5, 100, 400, "math", 2, true, 8, 4))).isFalse();
    assertThat(f.test(fields(0.9, 100, "math"))).isFalse();
    assertThat(SampleFilter.compile("domain.equals(\"code\")").test(fields(0.5, 1, "code"))).isTrue();
  }

  @Test
  void syntaxErrorIsAConfigErrorNamingTheExpression() {
    assertThatThrownBy(() -> SampleFilter.compile("passRate > && tokens < 10"))
        .isInstanceOfSatisfying(AssayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
          assertThat(e.getMessage()).startsWith("filter 'passRate > && tokens < 10': ").hasSizeGreaterThan(40);
        });
    assertConfigError("unknownField > 3");
    assertConfigError("   ");
  }

  @Test
  void nonBooleanExpressionIsRejected() {
    assertConfigError("tokens + 1");
    assertConfigError("domain");
    assertConfigError("passRate * 2");
  }

  @Test
  void failureWhileEvaluatingIsAConfigErrorNotADrop() {
    SampleFilter f = SampleFilter.compile("tokens / (samples - passed) > 1");
    assertThat(f.test(new SampleFields(0.5, 100, 1, "math", 1, false, 8, 4))).isTrue();
    assertThatThrownBy(() -> f.test(new SampleFields(1, 100, 1, "math", 1, false, 8, 8)))
        .isInstanceOfSatisfying(AssayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
          assertThat(e.getMessage()).contains("tokens / (samples - passed) > 1").contains("ArithmeticException");
        });
  }

  @Test
  void oneCompiledFilterGivesTheSameAnswersFromManyThreads() {
    SampleFilter f = SampleFilter.compile("passRate > 0.1 && passRate < 0.9 && tokens % 3 != 0");
    long mismatches = IntStream.range(0, 20_000).parallel()
        .filter(i -> {
          SampleFields s = fields((i % 11) / 10.0, i, i % 2 == 0 ? "math" : "code");
          boolean expected = s.passRate() > 0.1 && s.passRate() < 0.9 && s.tokens() % 3 != 0;
          return f.test(s) != expected;
        })
        .count();
    assertThat(mismatches).isZero();
  }

  private static void assertConfigError(String expr) {
    assertThatThrownBy(() -> SampleFilter.compile(expr))
        .as(expr)
        .isInstanceOfSatisfying(AssayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
          assertThat(e.getMessage()).startsWith("filter '" + expr + "': ");
        });
  }
}

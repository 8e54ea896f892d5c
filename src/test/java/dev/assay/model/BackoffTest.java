package dev.assay.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final ModelOptions OPTIONS = ModelOptions.defaults().withRetries(10, 100, 1_000);

  @Test
  void delaysDoubleWithJitterUpToTheCap() {
    for (int i = 0; i < 200; i++) {
      assertThat(Backoff.delayMs(OPTIONS, 1)).isBetween(50L, 100L);
      assertThat(Backoff.delayMs(OPTIONS, 2)).isBetween(100L, 200L);
      assertThat(Backoff.delayMs(OPTIONS, 3)).isBetween(200L, 400L);
      assertThat(Backoff.delayMs(OPTIONS, 9)).isBetween(500L, 1_000L);
      assertThat(Backoff.delayMs(OPTIONS, 60)).isBetween(500L, 1_000L);
    }
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    assertThat(Backoff.retryAfterMs("0")).isZero();
    assertThat(Backoff.retryAfterMs(" 2 ")).isEqualTo(2_000);
    assertThat(Backoff.retryAfterMs(null)).isEqualTo(-1);
    assertThat(Backoff.retryAfterMs("soon")).isEqualTo(-1);
    String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    assertThat(Backoff.retryAfterMs(inAMinute)).isBetween(55_000L, 60_000L);
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(60));
    assertThat(Backoff.retryAfterMs(past)).isZero();
  }

  @Test
  void optionsNeverPrintTheKeyAndRejectNonsense() {
    assertThat(OPTIONS.withApiKeyEnv("OPENAI_API_KEY").toString()).contains("apiKeyEnv=OPENAI_API_KEY");
    assertThat(OPTIONS.worstCaseMs()).isGreaterThan(OPTIONS.timeoutMs() * 11);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OPTIONS.withMaxInFlight(0))
        .isInstanceOf(dev.assay.AssayException.class).hasMessageContaining("maxInFlight");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OPTIONS.withBaseUrl("localhost:8000"))
        .isInstanceOf(dev.assay.AssayException.class).hasMessageContaining("baseUrl");
  }
}

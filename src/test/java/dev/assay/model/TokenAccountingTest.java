package dev.assay.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rules of request shaping and token accounting. */
class TokenAccountingTest {
  private static final String ANSWER = "Let's work through the problem step by step.\n3x = 15, so x = 5.\n"
      + "So the final answer is \\boxed{5}.";

  @Test
  void usageOfChoiceZeroOnlyIsToldApartFromUsageSummedOverChoices() {
    List<String> four = List.of(ANSWER, ANSWER + " Done.", ANSWER, ANSWER);
    int perChoice = ANSWER.length() / 4;
    assertThat(TokenAccounting.countsChoiceZeroOnly(perChoice, four)).isTrue();
    assertThat(TokenAccounting.countsChoiceZeroOnly(perChoice * 4, four)).isFalse();
    assertThat(TokenAccounting.countsChoiceZeroOnly(four.stream().mapToInt(String::length).sum() / 7, four))
        .as("a summing server with a very dense tokenizer is still summing").isFalse();
  }

  @Test
  void tooLittleTextOrOneChoiceSaysNothing() {
    assertThat(TokenAccounting.countsChoiceZeroOnly(1, List.of("42"))).isFalse();
    assertThat(TokenAccounting.countsChoiceZeroOnly(1, List.of("42", "43", "44"))).isFalse();
    assertThat(TokenAccounting.countsChoiceZeroOnly(3, List.of(ANSWER, ANSWER)))
        .as("usage far below even choice 0 alone is not choice 0's").isTrue();
  }

  @Test
  void aBadRequestNamingNGivesTheLimitItStatesElseHalf() {
    assertThat(EndpointShape.limitFrom("{\"error\":{\"code\":400,\"message\":\"Field 'n': Value must be between"
        + " 1 <= value <= 4, but got 8\",\"type\":\"invalid_request_error\"}}", 8)).isEqualTo(4);
    assertThat(EndpointShape.limitFrom("{\"error\":{\"message\":\"Invalid 'n': integer above maximum value."
        + " Expected a value <= 128, but got 200 instead.\",\"param\":\"n\"}}", 200)).isEqualTo(128);
    assertThat(EndpointShape.limitFrom("{\"detail\":\"n must be at most 2\"}", 8)).isEqualTo(2);
    assertThat(EndpointShape.limitFrom("{\"error\":\"unsupported value for 'n'\"}", 8)).isEqualTo(4);
    assertThat(EndpointShape.limitFrom("{\"error\":\"messages must be a non-empty array\"}", 8)).isEqualTo(-1);
    assertThat(EndpointShape.limitFrom("{\"error\":\"Field 'n': ...\"}", 1)).as("n=1 cannot split").isEqualTo(-1);
  }
}

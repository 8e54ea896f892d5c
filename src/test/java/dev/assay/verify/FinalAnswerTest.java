package dev.assay.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.config.AssayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A reasoning model's inline thinking is not its answer: a box or a program in it is a draft. */
class FinalAnswerTest {
  static Vertx vertx;
  static Verifiers verifiers;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    // math only: no sandbox is needed, and none is touched when the answer part is empty
    verifiers = new Verifiers(vertx, new AssayConfig.Verify(6, 2_000, "strict"), null, 1_000, 64);
  }

  @AfterAll
  static void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Verdict math(String gold, String completion) throws Exception {
    return verifiers.sample(SampleCheck.math(gold, completion, "boxed")).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void theAnswerIsReadAfterTheLastClosingTag() {
    assertThat(FinalAnswer.of("<think>maybe \\boxed{5}</think>\nSo \\boxed{6}.")).isEqualTo("\nSo \\boxed{6}.");
    assertThat(FinalAnswer.of("  <THINKING>a</THINKING> b </thinking> c")).isEqualTo(" c");
    assertThat(FinalAnswer.of("no tags, \\boxed{7}")).isEqualTo("no tags, \\boxed{7}");
    assertThat(FinalAnswer.of("<think>ran out of tokens at \\boxed{5}")).isNull();
    assertThat(FinalAnswer.of("Text that mentions <think> later is read whole")).isNotNull();
  }

  @Test
  void aBoxInsideTheThinkingIsNeverTheFinalAnswer() throws Exception {
    Verdict unfinished = math("5", "<think>3x + 7 = 22, so x = \\boxed{5}, let me double-check");
    assertThat(unfinished.reason()).isEqualTo(VerdictReason.NO_ANSWER);
    assertThat(unfinished.detail()).contains("<think> without </think>");
    Verdict noFinal = math("5", "<think>x = \\boxed{5}?</think>\nI could not solve it.");
    assertThat(noFinal.reason()).as("a draft box is not the answer").isEqualTo(VerdictReason.NO_ANSWER);
    assertThat(math("6", "<think>maybe \\boxed{5}</think>\nThe answer is \\boxed{6}.").reason())
        .isEqualTo(VerdictReason.OK);
    assertThat(math("5", "<think>maybe \\boxed{5}</think>\nThe answer is \\boxed{6}.").reason())
        .isEqualTo(VerdictReason.WRONG_ANSWER);
  }

  @Test
  void aProgramWrittenOnlyWhileThinkingIsNoAnswer() throws Exception {
    JsonObject task = new JsonObject().put("task_id", "t").put("prompt", "").put("entry_point", "add")
        .put("tests", new io.vertx.core.json.JsonArray().add("assert add(1, 2) == 3"));
    Verdict v = verifiers.sample(SampleCheck.code(task, "<think>```python\ndef add(a, b):\n    return a + b\n```"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(v.reason()).isEqualTo(VerdictReason.NO_ANSWER);
    Verdict drafted = verifiers.sample(SampleCheck.code(task,
        "<think>```python\ndef add(a, b):\n    return a + b\n```</think>\nI will not write it."))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(drafted.reason()).isEqualTo(VerdictReason.NO_ANSWER);
  }
}

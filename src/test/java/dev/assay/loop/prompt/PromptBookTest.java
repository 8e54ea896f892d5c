package dev.assay.loop.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.AssayConfig;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.model.ChatMessage;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptBookTest {
  static final Problem MATH = Problem.of(Domain.MATH, "seed", "", "m1",
      new JsonObject().put("problem", "What is 2 + 3?").put("answer", "5"));

  static PromptBook shipped() {
    return PromptBook.load(new AssayConfig.Prompts(null, Map.of(), Path.of("test.yaml")));
  }

  @Test
  void theShippedTemplatesRenderTheMessagesTheLoopHasAlwaysSent() {
    PromptBook b = shipped();
    assertThat(b.render("solve/math", Vars.solve(MATH)).messages()).containsExactly(ChatMessage.user(
        "Solve the following math problem. Reason step by step, then give the final answer in \\boxed{}.\n\nWhat is 2 + 3?"));
    assertThat(b.render("propose/math", Vars.propose(MATH, 2)).user()).isEqualTo(
        "Write 2 new math word problems similar to the example, each with its exact final answer.\nExample:\n<<<\n"
            + "What is 2 + 3?\n>>>\nReply with only a JSON array: [{\"problem\": \"...\", \"answer\": \"...\"}]");
    assertThat(b.render("solve/rationalize", Vars.rationalize(MATH)).user()).contains("Hint: the correct final answer is 5.")
        .endsWith("\n\nWhat is 2 + 3?");
    assertThat(b.render("solve/induction", Vars.solve(MATH).mergeIn(Vars.induction(" doubles ", List.of("1", "2"),
        List.of("2", "4")))).user()).endsWith("Description: doubles\nExamples:\n1 -> 2\n2 -> 4");
    assertThat(b.render("solve/math", Vars.solve(MATH)).answerFormat()).isEqualTo("boxed");
    assertThat(b.render("solve/math", Vars.solve(MATH)).task()).isEqualTo("solve/math");
  }

  @Test
  void aStdinStdoutProblemIsAskedForInItsLanguage() {
    Problem io = Problem.of(Domain.CODE, "seed", "", "io1", new JsonObject().put("format", "io").put("language", "cpp")
        .put("prompt", "Print n + 1.").put("tests", List.of(Map.of("input", "1\n", "output", "2\n"))));
    PromptBook b = shipped();
    Rendered solve = b.render(Vars.solveTask(io), Vars.solve(io));
    assertThat(solve.task()).isEqualTo("solve/code-io");
    assertThat(solve.user()).contains("complete C++ program").contains("g++ -O2 -std=c++17").contains("```cpp")
        .endsWith("\n\nPrint n + 1.");
    assertThat(solve.vars().getString("language")).isEqualTo("cpp");
    Rendered propose = b.render(Vars.proposeTask("io"), Vars.propose(io, 2));
    assertThat(propose.user()).contains("Write 2 new programming problems").contains("complete C++ program");
    assertThat(propose.vars().getString("language")).as("the simulator reads it here, not in the wording").isEqualTo("cpp");
  }

  @Test
  void repairFeedbackAsksForTheCodeItWasGivenInTheProblemsLanguage() {
    Problem io = Problem.of(Domain.CODE, "seed", "", "io1", new JsonObject().put("format", "io").put("language", "rust")
        .put("prompt", "Print n + 1.").put("tests", List.of(Map.of("input", "1\n", "output", "2\n"))));
    Problem fn = Problem.of(Domain.CODE, "seed", "", "f1", new JsonObject().put("prompt", "def f(x):\n")
        .put("entry_point", "f").put("tests", List.of("assert f(1) == 2")));
    PromptBook b = shipped();
    JsonObject agent = Vars.agent("api", 1, 0, 0, true);
    assertThat(b.render("agent/repair-code", Vars.repair(io, agent, "wrong_answer", "a hidden test failed")).user())
        .isEqualTo("Your solution did not pass: a hidden test failed\n"
            + "Fix it and reply with the whole corrected program in one ```rust code block.");
    assertThat(b.render("agent/repair-code", Vars.repair(fn, agent, "wrong_answer", "a hidden test failed")).user())
        .isEqualTo("Your solution did not pass: a hidden test failed\n"
            + "Fix it and reply with the whole corrected function in one ```python code block.");
  }

  @Test
  void aSystemPromptAndFewShotExamplesComeBeforeTheUserMessage() {
    PromptBook b = PromptBook.load(new AssayConfig.Prompts(null, Map.of("solve_math", Map.of(
        "system", "You are a careful {{ problem.domain }} tutor.",
        "few_shot", List.of(Map.of("user", "What is 1 + 1?", "assistant", "1 + 1 = 2, so \\boxed{2}.")),
        "user", "Problem: {{ problem.statement }}",
        "options", Map.of("max_tokens", 64, "stop", List.of("</s>"), "extra_body", Map.of("top_k", 20)))), Path.of("c.yaml")));
    var r = b.render("solve/math", Vars.solve(MATH));
    assertThat(r.messages()).containsExactly(ChatMessage.system("You are a careful math tutor."),
        ChatMessage.user("What is 1 + 1?"), new ChatMessage("assistant", "1 + 1 = 2, so \\boxed{2}."),
        ChatMessage.user("Problem: What is 2 + 3?"));
    assertThat(r.options().maxTokens()).isEqualTo(64);
    assertThat(r.options().stop()).containsExactly("</s>");
    assertThat(r.options().extraBody().getInteger("top_k")).isEqualTo(20);
    assertThat(r.request(3, 7L).task()).isEqualTo("solve/math");
  }

  @Test
  void aTemplateNamingAnUnknownVariableIsAConfigErrorNamingTemplateAndVariable() {
    assertThatThrownBy(() -> PromptBook.load(new AssayConfig.Prompts(null,
        Map.of("solve_code", Map.of("user", "Solve {{ problem.statement }} using {{ langauge }}")), Path.of("c.yaml"))))
        .isInstanceOf(AssayException.class)
        .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("prompts.solve_code").hasMessageContaining("user").hasMessageContaining("langauge");
  }

  @Test
  void unknownTemplatesFieldsAndOptionsAreConfigErrors(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> PromptBook.load(new AssayConfig.Prompts(null, Map.of("solve_maths", Map.of("user", "x")),
        Path.of("c.yaml")))).hasMessageContaining("prompts.solve_maths").hasMessageContaining("unknown template");
    assertThatThrownBy(() -> PromptBook.load(new AssayConfig.Prompts(null, Map.of("solve_math", Map.of("sytem", "x")),
        Path.of("c.yaml")))).hasMessageContaining("sytem").hasMessageContaining("unknown field");
    assertThatThrownBy(() -> PromptBook.load(new AssayConfig.Prompts(null, Map.of("solve_math",
        Map.of("options", Map.of("max_tokens", "lots"))), Path.of("c.yaml")))).hasMessageContaining("options.max_tokens");
    Files.writeString(dir.resolve("solve_code.yaml"), "user: 'Write {{ problem.statement }'\n");
    assertThatThrownBy(() -> PromptBook.load(new AssayConfig.Prompts(dir, Map.of(), Path.of("c.yaml"))))
        .hasMessageContaining(dir.resolve("solve_code.yaml").toString()).hasMessageContaining("user");
  }
}

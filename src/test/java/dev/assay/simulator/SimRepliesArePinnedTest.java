package dev.assay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.model.ChatMessage;
import dev.assay.model.ChatRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's replies to every task are pinned: a refactoring that changes any text (and so
 * every stored round's answers) must change the golden digest on purpose. The wording of the
 * message never matters, only the task and its variables.
 */
class SimRepliesArePinnedTest {
  static final String GOLDEN = "345bd4d08d882ec4";

  static List<ChatRequest> requests(Long seed) {
    String program = "def f(x):\n    return [v for v in x if v > 4]\n";
    return List.of(
        Ask.solveMath("Solve for x: 3x + 7 = 22", 1, seed),
        Ask.solveMath("What is 1/2 plus 1/3? Give the answer as a fraction in lowest terms.", 1, seed),
        Ask.solveMath("How many legs do 3 spiders have?", 1, seed),
        Ask.solveCode("def digit_sum(n):\n    \"\"\"Return the sum of the decimal digits of n >= 0.\"\"\"\n", 1, seed),
        Ask.solveCode("def mystery(a, b):\n    \"\"\"Do something.\"\"\"\n", 1, seed),
        Ask.propose("propose/math", 5, "Tom has 5 marbles.", 1, seed),
        Ask.propose("propose/math", 3, "Solve for x: 2x + 1 = 5", 1, seed),
        Ask.propose("propose/code-tasks", 4, "def running_max(xs):\n    \"\"\"Running max.\"\"\"\n", 1, seed),
        Ask.propose("propose/math-program", 4, SimProposalsWithProgramsTest.MARBLES, 1, seed),
        Ask.propose("propose/code-reasoning", 4, "def f(x):\n    return x[::-1]\n", 1, seed),
        Ask.deduce(program, "[3, 9, 5, 1]", 1, seed),
        Ask.abduce(program, "[9, 5]", 1, seed),
        Ask.induce("Returns the elements of the list x that are greater than 4, in order.", 1, seed,
            "[3, 9, 5, 1]", "[9, 5]", "[7]", "[7]"),
        Ask.rationalize("10", SimProposalsWithProgramsTest.MARBLES, 1, seed),
        new ChatRequest(List.of(ChatMessage.user("Tell me a joke.")), 1, seed));
  }

  static String digestOfReplies() {
    SimBrain brain = new SimBrain(1234, Map.of(), Knowledge.empty());
    StringBuilder all = new StringBuilder();
    for (Long seed : new Long[] {null, 7L}) {
      for (ChatRequest r : requests(seed)) {
        for (int i = 0; i < 12; i++) {
          all.append(Ask.reply(brain, r, i)).append('\u0000');
        }
      }
    }
    return Long.toHexString(SimRandom.hash(all));
  }

  @Test
  void repliesToEveryTaskAreByteForBytePinned() {
    assertThat(digestOfReplies()).isEqualTo(GOLDEN);
  }

  @Test
  void theWordingOfTheMessagesNeverChangesAReply() {
    SimBrain brain = new SimBrain(1234, Map.of(), Knowledge.empty());
    for (ChatRequest r : requests(7L)) {
      ChatRequest reworded = new ChatRequest(List.of(ChatMessage.system("You are a careful assistant."),
          ChatMessage.user("An example first."), new ChatMessage("assistant", "\\boxed{1}"),
          ChatMessage.user("Now do this one, in other words entirely.")), r.n(), r.seed(), r.task(), r.vars(), null);
      for (int i = 0; i < 4; i++) {
        assertThat(Ask.reply(brain, reworded, i)).as(r.task()).isEqualTo(Ask.reply(brain, r, i));
      }
    }
  }

  @Test
  void aStdinStdoutAnswerIsInTheLanguageTheVariablesNameWhateverTheWording() {
    SimBrain brain = new SimBrain(1234, Map.of("correct", 1.0), Knowledge.empty());
    String statement = "Fibonacci modulo 97\n\nThe input is one integer n. Print F(n) modulo 97.";
    for (String lang : new String[] {"python", "cpp", "javascript", "go", "rust"}) {
      io.vertx.core.json.JsonObject vars = new io.vertx.core.json.JsonObject()
          .put("problem", Ask.problem("code", statement)).put("language", lang);
      ChatRequest plain = Ask.request("solve/code-io", vars, 1, 5L);
      ChatRequest reworded = new ChatRequest(List.of(ChatMessage.user("Answer in Python please.")), 1, 5L,
          "solve/code-io", vars, null);
      String text = Ask.reply(brain, plain, 0);
      assertThat(text).as(lang).contains("```" + lang + "\n").contains("97");
      assertThat(Ask.reply(brain, reworded, 0)).isEqualTo(text);
    }
  }

  @Test
  void mathAnswersGoWhereTheRequestsAnswerFormatSaysAndAFewIgnoreIt() {
    SimBrain brain = new SimBrain(1234, Map.of("correct", 1.0), Knowledge.empty());
    int boxed = 0;
    int lines = 0;
    int samples = 400;
    for (String format : new String[] {"boxed", "line"}) {
      io.vertx.core.json.JsonObject vars = new io.vertx.core.json.JsonObject()
          .put("problem", Ask.problem("math", "Solve for x: 3x + 7 = 22")).put("answer_format", format);
      ChatRequest r = Ask.request("solve/math", vars, 1, 5L);
      for (int i = 0; i < samples; i++) {
        String text = Ask.reply(brain, r, i);
        boolean box = text.contains("\\boxed{5}");
        boxed += format.equals("boxed") && box ? 1 : 0;
        lines += format.equals("line") && !box ? 1 : 0;
        assertThat(SimulatorDeterminismTest.finalAnswer(text)).isEqualTo("5");
      }
    }
    assertThat(boxed).as("boxed as asked, but not always").isBetween(samples * 90 / 100, samples - 5);
    assertThat(lines).as("on a final-answer line as asked, but not always").isBetween(samples * 90 / 100, samples - 5);
  }
}

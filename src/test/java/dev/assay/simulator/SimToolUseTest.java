package dev.assay.simulator;

import static dev.assay.simulator.Agentic.agent;
import static dev.assay.simulator.Agentic.ask;
import static dev.assay.simulator.Agentic.knobs;
import static dev.assay.simulator.Agentic.request;
import static dev.assay.simulator.Agentic.vars;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.model.ChatMessage;
import dev.assay.model.Completion;
import dev.assay.model.ModelClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated model with a python tool, over HTTP through the loop's client: it calls the tool
 * (API tool calls or inline blocks) about as often as configured, its math code prints a value that
 * is right about as often as configured, and its answer after the tool's output follows that output.
 */
@ExtendWith(VertxExtension.class)
class SimToolUseTest {
  static final int SAMPLES = 8;

  /** Runs every snippet under /usr/bin/python3 (only the simulator's math code: it just prints numbers). */
  static List<String> outputs(Path dir, List<String> codes) throws Exception {
    String script = String.join("\n", "import contextlib, io, json, sys",
        "out = []",
        "for code in json.load(open(sys.argv[1])):",
        "    buf = io.StringIO()",
        "    with contextlib.redirect_stdout(buf):",
        "        exec(compile(code, '<cell>', 'exec'), {'__name__': '__main__'})",
        "    out.append(buf.getvalue())",
        "print(json.dumps(out))");
    JsonArray printed = new JsonArray(Python.run(dir, script, new JsonArray(new ArrayList<Object>(codes)).encode()));
    List<String> out = new ArrayList<>();
    printed.forEach(o -> out.add((String) o));
    return out;
  }

  @Test
  void offeredTheToolItCallsItAboutAsOftenAsConfiguredWithWellFormedCalls(Vertx vertx) {
    ModelClient c = Agentic.client(vertx, SimulatorOptions.Agent.DEFAULTS);
    int calls = 0;
    int choices = 0;
    for (MathTemplates.Solved p : Agentic.mathProblems(40, 3)) {
      Completion done = ask(c, request("solve/math", vars("math", p.problem(), null, agent("api", 0, 0, 0, false)),
          List.of(ChatMessage.user("Solve it.")), SAMPLES, 11L, "api"));
      for (int i = 0; i < SAMPLES; i++) {
        choices++;
        JsonArray tc = done.toolCalls().get(i);
        if (tc.isEmpty()) {
          assertThat(done.choices().get(i)).as("an answer as without tools").doesNotContain("```");
          continue;
        }
        calls++;
        assertThat(tc).hasSize(1);
        JsonObject call = tc.getJsonObject(0);
        assertThat(call.getString("id")).isEqualTo("call_0");
        assertThat(call.getString("type")).isEqualTo("function");
        assertThat(call.getJsonObject("function").getString("name")).isEqualTo("python");
        assertThat(Agentic.code(call)).contains("print(");
        assertThat(done.choices().get(i)).doesNotContain("```");
      }
    }
    assertThat((double) calls / choices).as("tool_use 0.6").isBetween(0.5, 0.7);
  }

  @Test
  void codeCallsDefineTheCandidateAndPrintItOnAnExample(Vertx vertx) {
    ModelClient c = Agentic.client(vertx, knobs(1.0, 0.9, 0.25, 0.5, 2));
    SplittableRandom rng = new SplittableRandom(5);
    for (CodeTemplates.Task t : Agentic.codeTasks(16, 4)) {
      JsonObject body = new JsonObject().put("tests", new JsonArray(new ArrayList<Object>(t.tests(rng))));
      Completion done = ask(c, request("solve/code", vars("code", t.prompt(), body, agent("api", 0, 0, 0, false)),
          List.of(ChatMessage.user("Write it.")), 2, 5L, "api"));
      for (JsonArray tc : done.toolCalls()) {
        String code = Agentic.code(tc.getJsonObject(0));
        assertThat(code).contains("def " + t.name() + "(").containsPattern("(?m)^print\\(" + t.name() + "\\(.*\\)\\)$");
      }
    }
  }

  @Test
  void itsAnswerAfterTheToolsOutputFollowsThatOutput(Vertx vertx, @TempDir Path dir) throws Exception {
    ModelClient c = Agentic.client(vertx, knobs(1.0, 0.9, 0.25, 0.5, 2));
    List<MathTemplates.Solved> problems = Agentic.mathProblems(60, 9);
    List<String> codes = new ArrayList<>();
    List<JsonArray> calls = new ArrayList<>();
    List<String> intros = new ArrayList<>();
    for (MathTemplates.Solved p : problems) {
      Completion first = ask(c, request("solve/math", vars("math", p.problem(), null, agent("api", 0, 0, 0, false)),
          List.of(ChatMessage.user("Solve it.")), 4, 21L, "api"));
      for (int i = 0; i < 4; i++) {
        calls.add(first.toolCalls().get(i));
        intros.add(first.choices().get(i));
        codes.add(Agentic.code(first.toolCalls().get(i).getJsonObject(0)));
      }
    }
    List<String> outputs = outputs(dir, codes);
    int rightOutputs = 0;
    int rightAnswers = 0;
    for (int k = 0; k < codes.size(); k++) {
      MathTemplates.Solved p = problems.get(k / 4);
      String printed = outputs.get(k).strip();
      rightOutputs += printed.equals(p.answer()) ? 1 : 0;
      List<ChatMessage> messages = List.of(ChatMessage.user("Solve it."),
          ChatMessage.assistant(intros.get(k), calls.get(k)), ChatMessage.tool("call_0", outputs.get(k)));
      Completion after = ask(c, request("solve/math", vars("math", p.problem(), null, agent("api", 1, 1, 0, false)),
          messages, 1, 1000L + k, "api"));
      assertThat(after.toolCalls().get(0)).isEmpty();
      String answer = SimulatorDeterminismTest.finalAnswer(after.choices().get(0));
      assertThat(answer).as("the answer is what the code printed").isEqualTo(printed);
      rightAnswers += answer.equals(p.answer()) ? 1 : 0;
    }
    double rate = (double) rightOutputs / codes.size();
    assertThat(rate).as("tool_correct 0.9 (%d of %d)", rightOutputs, codes.size()).isBetween(0.84, 0.96);
    assertThat(rightAnswers).isEqualTo(rightOutputs);

    Completion told = ask(c, request("solve/math", vars("math", problems.get(0).problem(), null, agent("api", 1, 1, 0, false)),
        List.of(ChatMessage.user("Solve it."), ChatMessage.assistant("Let me compute.", calls.get(0)),
            ChatMessage.tool("call_0", "intermediate 3\n12345\n")), 1, 77L, "api"));
    assertThat(SimulatorDeterminismTest.finalAnswer(told.choices().get(0))).isEqualTo("12345");
  }

  @Test
  void inlineItEndsItsTurnWithAPythonBlockAndReadsTheOutputBlock(Vertx vertx, @TempDir Path dir) throws Exception {
    ModelClient c = Agentic.client(vertx, knobs(1.0, 1.0, 0.25, 0.5, 2));
    MathTemplates.Solved p = Agentic.mathProblems(1, 17).get(0);
    Completion first = ask(c, request("solve/math", vars("math", p.problem(), null, agent("inline", 0, 0, 0, false)),
        List.of(ChatMessage.user("Solve it.")), 4, 3L, "inline"));
    for (int i = 0; i < 4; i++) {
      String content = first.choices().get(i);
      assertThat(first.toolCalls().get(i)).isEmpty();
      assertThat(content).containsPattern("(?s)```python\n.+\n```\n$");
      String printed = outputs(dir, List.of(Agentic.inlineCode(content))).get(0);
      assertThat(printed.strip()).isEqualTo(p.answer());
      Completion after = ask(c, request("solve/math", vars("math", p.problem(), null, agent("inline", 1, 1, 0, false)),
          List.of(ChatMessage.user("Solve it."), new ChatMessage("assistant", content),
              ChatMessage.user("```output\n" + printed + "```")), 1, 50L + i, "inline"));
      assertThat(SimulatorDeterminismTest.finalAnswer(after.choices().get(0))).isEqualTo(p.answer());
    }
  }

  @Test
  void codeAfterRunningItsCodeIsRightMoreOftenByTheBoost(Vertx vertx) {
    ModelClient c = Agentic.client(vertx, SimulatorOptions.Agent.DEFAULTS);
    int withTool = 0;
    int without = 0;
    int total = 0;
    for (CodeTemplates.Task t : Agentic.codeTasks(100, 8)) {
      JsonArray call = new JsonArray().add(new JsonObject().put("id", "call_0").put("type", "function")
          .put("function", new JsonObject().put("name", "python").put("arguments", new JsonObject()
              .put("code", t.solution() + "\nprint(1)").encode())));
      for (int i = 0; i < 4; i++) {
        long seed = 500L + total;
        Completion after = ask(c, request("solve/code", vars("code", t.prompt(), null, agent("api", 1, 1, 0, false)),
            List.of(ChatMessage.user("Write it."), ChatMessage.assistant("", call), ChatMessage.tool("call_0", "6\n")),
            1, seed, "api"));
        Completion plain = ask(c, request("solve/code", vars("code", t.prompt(), null, null),
            List.of(ChatMessage.user("Write it.")), 1, seed, "none"));
        withTool += Agentic.correctCode(after.choices().get(0), t) ? 1 : 0;
        without += Agentic.correctCode(plain.choices().get(0), t) ? 1 : 0;
        total++;
      }
    }
    assertThat((double) without / total).as("the usual 0.5").isBetween(0.42, 0.58);
    assertThat((double) withTool / total).as("0.5 + tool_boost 0.25").isBetween(0.67, 0.83);
  }

  @Test
  void afterAnErrorItMayCallAgainButNeverBeyondMaxToolCalls(Vertx vertx) {
    ModelClient c = Agentic.client(vertx, knobs(1.0, 0.9, 0.25, 0.5, 2));
    CodeTemplates.Task t = Agentic.codeTasks(1, 1).get(0);
    JsonArray call = new JsonArray().add(new JsonObject().put("id", "call_0").put("type", "function")
        .put("function", new JsonObject().put("name", "python").put("arguments", "{\"code\": \"f()\"}")));
    String error = "Traceback (most recent call last):\n  File \"<cell 1>\", line 1, in <module>\nNameError: name 'f' is not defined\n";
    Completion again = ask(c, request("solve/code", vars("code", t.prompt(), null, agent("api", 1, 1, 0, false)),
        List.of(ChatMessage.user("Write it."), ChatMessage.assistant("", call), ChatMessage.tool("call_0", error)), 1, 9L, "api"));
    assertThat(again.toolCalls().get(0)).hasSize(1);
    assertThat(again.toolCalls().get(0).getJsonObject(0).getString("id")).isEqualTo("call_1");
    Completion last = ask(c, request("solve/code", vars("code", t.prompt(), null, agent("api", 2, 2, 0, false)),
        List.of(ChatMessage.user("Write it."), ChatMessage.assistant("", call), ChatMessage.tool("call_0", error)), 1, 9L, "api"));
    assertThat(last.toolCalls().get(0)).as("two calls made, max_tool_calls 2").isEmpty();
    assertThat(last.choices().get(0)).contains("```python");

    ModelClient never = Agentic.client(vertx, knobs(1.0, 0.9, 0.25, 0.5, 0));
    Completion none = ask(never, request("solve/math", vars("math", "Solve for x: 3x + 7 = 22", null,
        agent("api", 0, 0, 0, false)), List.of(ChatMessage.user("Solve it.")), 16, 1L, "api"));
    assertThat(none.toolCalls()).allMatch(JsonArray::isEmpty);
  }
}

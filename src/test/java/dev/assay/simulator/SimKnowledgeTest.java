package dev.assay.simulator;

import dev.assay.model.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator knows public problems from JSONL files and answers them as configured. */
class SimKnowledgeTest {
  private static final Path PEER = Path.of("../shared/peer");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Pattern BLOCK = Pattern.compile("(?s)```python\\n(.*?)```");
  private static Knowledge knowledge;

  @BeforeAll
  static void load() {
    assumeTrue(Files.isDirectory(PEER), "no ../shared/peer");
    knowledge = Knowledge.load(List.of(PEER.resolve("humaneval.jsonl"), PEER.resolve("mbpp.jsonl"),
        PEER.resolve("gsm8k_test.jsonl"), PEER.resolve("math500.jsonl")));
  }

  private static List<JsonObject> records(String file, int count) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    for (String line : Files.readAllLines(PEER.resolve(file), StandardCharsets.UTF_8)) {
      if (out.size() < count) {
        out.add(new JsonObject(line));
      }
    }
    return out;
  }

  private static String reply(String outcome, ChatRequest request, int index) {
    SimBrain brain = new SimBrain(3, Map.of(outcome, 1.0), knowledge);
    return Ask.reply(brain, request, index);
  }

  private static ChatRequest math(String statement) {
    return Ask.solveMath(statement, 1, 11L);
  }

  private static ChatRequest codeTask(String prompt) {
    return Ask.solveCode(prompt, 1, 11L);
  }

  @Test
  void knowsGsm8kAndMathAnswersAndGetsThemWrongWhenTold() throws Exception {
    for (JsonObject r : records("gsm8k_test.jsonl", 2000)) {
      ChatRequest prompt = math(r.getString("question"));
      assertThat(SimulatorDeterminismTest.finalAnswer(reply("correct", prompt, 0))).isEqualTo(r.getString("final"));
      assertThat(SimulatorDeterminismTest.finalAnswer(reply("wrong_answer", prompt, 0))).isNotEqualTo(r.getString("final"));
      assertThat(reply("no_answer", prompt, 0)).doesNotContain("boxed", "####", "answer is").doesNotContainPattern("\\d");
    }
    for (JsonObject r : records("math500.jsonl", 1000)) {
      ChatRequest prompt = math("  " + r.getString("problem") + "\n");
      assertThat(reply("correct", prompt, 1)).contains(r.getString("answer"));
    }
  }

  @Test
  void unknownProblemsGetADeterministicGuessOrStub() {
    ChatRequest math = math("How many legs do 3 unicorns have?");
    assertThat(reply("correct", math, 0)).isEqualTo(reply("correct", math, 0))
        .containsPattern("\\\\boxed\\{\\d+}|#### \\d+|The answer is \\d+\\.");
    ChatRequest code = codeTask("def frobnicate(x, y):\n    \"\"\"Frobnicate.\"\"\"\n");
    assertThat(reply("correct", code, 0)).contains("def frobnicate(x, y):").contains("return None");
  }

  @Test
  void publicCodeReferencesPassTheirTestsAndWrongAnswersFail(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
    JsonArray cases = new JsonArray();
    for (JsonObject r : records("humaneval.jsonl", 1000)) {
      ChatRequest prompt = codeTask(r.getString("prompt"));
      String tests = r.getString("test") + "\ncheck(" + r.getString("entry_point") + ")\n";
      cases.add(pythonCase(r.getString("task_id"), prompt, tests));
    }
    for (JsonObject r : records("mbpp.jsonl", 1000)) {
      ChatRequest prompt = codeTask(r.getString("text") + "\nYour code should pass: "
          + r.getJsonArray("test_list").getString(0));
      String tests = r.getString("test_setup_code") + "\n" + String.join("\n", r.getJsonArray("test_list").getList());
      cases.add(pythonCase("mbpp/" + r.getInteger("task_id"), prompt, tests));
    }
    Path data = Files.writeString(dir.resolve("cases.json"), cases.encode());
    Path script = Files.writeString(dir.resolve("check.py"), String.join("\n",
        "import json, sys",
        "bad, right = [], 0",
        "for c in json.load(open(sys.argv[1])):",
        "    for kind in ('right', 'wrong'):",
        "        ns = {}",
        "        try:",
        "            exec(c[kind] + '\\n' + c['tests'], ns)",
        "            ok = True",
        "        except Exception:",
        "            ok = False",
        "        right += ok and kind == 'right'",
        "        if ok != (kind == 'right'):",
        "            bad.append(c['name'] + ':' + kind)",
        "print('BAD', bad, 'RIGHT', right)",
        ""));
    Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), data.toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(out).isEqualTo("BAD [] RIGHT " + cases.size());
  }

  private static JsonObject pythonCase(String name, ChatRequest prompt, String tests) {
    return new JsonObject().put("name", name).put("tests", tests)
        .put("right", code(reply("correct", prompt, 2)))
        .put("wrong", code(reply("wrong_answer", prompt, 2)));
  }

  private static String code(String reply) {
    Matcher m = BLOCK.matcher(reply);
    assertThat(m.find()).as(reply).isTrue();
    return m.group(1);
  }

  @Test
  void badOutcomesKeepTheSignatureAndMisbehaveInTheBody() throws Exception {
    JsonObject r = records("humaneval.jsonl", 1).get(0);
    ChatRequest prompt = codeTask(r.getString("prompt"));
    String signature = "def has_close_elements(numbers: List[float], threshold: float) -> bool:";
    assertThat(reply("raises", prompt, 0)).contains(signature).contains("raise ValueError(");
    assertThat(reply("infinite_loop", prompt, 0)).contains(signature).contains("while True:\n        pass");
    assertThat(reply("memory_hog", prompt, 0)).contains("hog.append(");
    assertThat(reply("fork_bomb", prompt, 0)).contains("import os").contains("os.fork()");
    assertThat(reply("output_flood", prompt, 0)).contains("print('x' * 10000)");
    assertThat(reply("raises", prompt, 0)).contains("from typing import List");
  }
}

package dev.assay.simulator;

import dev.assay.model.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompts 7-9 (deduction, abduction, induction) over loopback HTTP, checked under CPython: the
 * correct outcome is right for every function family, the wrong outcome is wrong.
 */
@ExtendWith(VertxExtension.class)
class SimCodeReasoningSolveTest {
  private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{([^\\n]*)}");
  private static final Pattern BLOCK = Pattern.compile("(?s)```python\\n(.*?)```");

  static String boxed(String text) {
    Matcher m = BOXED.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  static String block(String text) {
    Matcher m = BLOCK.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }

  /** Two functions per family, each with its inputs and Java-computed outputs. */
  private static List<JsonObject> tasks() {
    SplittableRandom rng = new SplittableRandom(21);
    List<JsonObject> out = new ArrayList<>();
    for (CodeReasoning.Family family : CodeReasoning.Family.values()) {
      for (int i = 0; i < 2; i++) {
        CodeReasoning.Fn fn = CodeReasoning.random(family, rng);
        JsonArray xs = new JsonArray();
        JsonArray ys = new JsonArray();
        for (Object x : CodeReasoning.inputs(fn, rng)) {
          xs.add(PyLiteral.repr(x));
          ys.add(PyLiteral.repr(fn.apply(x)));
        }
        out.add(new JsonObject().put("program", fn.program()).put("description", fn.description())
            .put("xs", xs).put("ys", ys));
      }
    }
    return out;
  }

  /** Asks the simulator every task three ways, 3 samples each; adds its answers to the tasks. */
  private static JsonArray ask(Function<ChatRequest, List<String>> sim) {
    JsonArray all = new JsonArray();
    for (JsonObject t : tasks()) {
      String x = t.getJsonArray("xs").getString(0);
      String y = t.getJsonArray("ys").getString(0);
      JsonArray deduced = new JsonArray();
      JsonArray abduced = new JsonArray();
      JsonArray induced = new JsonArray();
      sim.apply(Ask.deduce(t.getString("program"), x, 3, 1L)).forEach(s -> deduced.add(boxed(s)));
      sim.apply(Ask.abduce(t.getString("program"), y, 3, 1L)).forEach(s -> abduced.add(boxed(s)));
      String[] pairs = new String[2 * t.getJsonArray("xs").size()];
      for (int i = 0; i < pairs.length / 2; i++) {
        pairs[2 * i] = t.getJsonArray("xs").getString(i);
        pairs[2 * i + 1] = t.getJsonArray("ys").getString(i);
      }
      sim.apply(Ask.induce(t.getString("description"), 3, 1L, pairs))
          .forEach(s -> induced.add(block(s)));
      all.add(t.put("deduced", deduced).put("abduced", abduced).put("induced", induced));
    }
    return all;
  }

  private static final String CHECK = Python.PRELUDE + String.join("\n",
      "def run(src, x):",
      "    ns = {}",
      "    exec(src, ns)",
      "    try:",
      "        return repr(call(ns['f'], ast.literal_eval(x)))",
      "    except Exception as e:",
      "        return 'raised ' + type(e).__name__",
      "res = {'deduce_ok': 0, 'deduce_bad': 0, 'abduce_ok': 0, 'abduce_bad': 0, 'induce_ok': 0, 'induce_bad': 0}",
      "for t in DATA:",
      "    x, y = t['xs'][0], t['ys'][0]",
      "    truth = run(t['program'], x)",
      "    assert truth == y, (t['program'], x, truth, y)",
      "    for d in t['deduced']:",
      "        res['deduce_ok' if d is not None and d == truth else 'deduce_bad'] += 1",
      "    for a in t['abduced']:",
      "        res['abduce_ok' if a is not None and run(t['program'], a) == y else 'abduce_bad'] += 1",
      "    for p in t['induced']:",
      "        ok = all(run(p, xi) == yi for xi, yi in zip(t['xs'], t['ys']))",
      "        res['induce_ok' if ok else 'induce_bad'] += 1",
      "print(json.dumps(res))",
      "");

  @Test
  void correctOutcomeIsRightForEveryFamilyUnderPython(Vertx vertx, @TempDir Path dir) throws Exception {
    var sim = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults().withOutcomes(Map.of("correct", 1.0)));
    JsonArray answers = ask(sim);
    JsonObject res = new JsonObject(Python.run(dir, CHECK, answers.encode()));
    int samples = 3 * answers.size();
    assertThat(res.getInteger("deduce_ok")).as(res.encode()).isEqualTo(samples);
    assertThat(res.getInteger("abduce_ok")).as(res.encode()).isEqualTo(samples);
    assertThat(res.getInteger("induce_ok")).as(res.encode()).isEqualTo(samples);
  }

  @Test
  void wrongOutcomeIsWrongUnderPython(Vertx vertx, @TempDir Path dir) throws Exception {
    var sim = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults().withOutcomes(Map.of("wrong_answer", 1.0)));
    JsonArray answers = ask(sim);
    JsonObject res = new JsonObject(Python.run(dir, CHECK, answers.encode()));
    int samples = 3 * answers.size();
    assertThat(res.getInteger("deduce_bad")).as(res.encode()).isEqualTo(samples);
    assertThat(res.getInteger("abduce_bad")).as(res.encode()).isEqualTo(samples);
    // "matches the first example only": right only where every example has the same output
    assertThat(res.getInteger("induce_bad")).as(res.encode()).isGreaterThan(samples * 8 / 10);
  }

  @Test
  void noAnswerHasNoBoxAndInductionMisbehavesAtItsWeights(Vertx vertx) {
    CodeReasoning.Fn fn = CodeReasoning.fromDescription("Returns x multiplied by 3 plus 4.").orElseThrow();
    assertThat(fn.program()).isEqualTo("def f(x):\n    return x * 3 + 4\n");
    var silent = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults().withOutcomes(Map.of("no_answer", 1.0)));
    assertThat(silent.apply(Ask.deduce(fn.program(), "5", 4, 1L)))
        .allSatisfy(t -> assertThat(t).doesNotContain("\\boxed"));
    assertThat(silent.apply(Ask.abduce(fn.program(), "19", 4, 1L)))
        .allSatisfy(t -> assertThat(t).doesNotContain("\\boxed"));
    var bad = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults()
        .withOutcomes(Map.of("code.raises", 1.0, "code.infinite_loop", 1.0)));
    List<String> programs = bad.apply(Ask.induce(fn.description(), 20, 1L, "1", "7", "2", "10"))
        .stream().map(SimCodeReasoningSolveTest::block).toList();
    assertThat(programs).anySatisfy(p -> assertThat(p).contains("raise "))
        .anySatisfy(p -> assertThat(p).contains("while True"))
        .allSatisfy(p -> assertThat(p).startsWith("def f(x):"));
  }
}

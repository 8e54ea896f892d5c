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
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompts 5 (TinyGSM propose) and 6 (code-reasoning propose) over loopback HTTP: proposals run
 * under CPython as their text says, and about one item in ten is defective on purpose.
 */
@ExtendWith(VertxExtension.class)
class SimProposalsWithProgramsTest {
  static final String MARBLES = "Tom has 5 marbles. He buys 2 bags with 3 marbles in each bag, then gives 1"
      + " marbles to his friend. How many marbles does Tom have now?";

  static Function<ChatRequest, List<String>> model(Vertx vertx, SimulatorOptions options) {
    return Ask.model(vertx, options);
  }

  private static List<JsonObject> items(List<String> texts) {
    List<JsonObject> out = new ArrayList<>();
    texts.forEach(t -> new JsonArray(t).forEach(o -> out.add((JsonObject) o)));
    return out;
  }

  @Test
  void tinyGsmProgramsPrintTheTemplateAnswerAndSomeAreDefective(Vertx vertx, @TempDir Path dir) throws Exception {
    var sim = model(vertx, SimulatorOptions.defaults());
    ChatRequest request = Ask.propose("propose/math-program", 10, MARBLES, 20, 3L);
    List<String> texts = sim.apply(request);
    assertThat(sim.apply(request)).containsExactlyElementsOf(texts);
    JsonArray cases = new JsonArray();
    for (JsonObject item : items(texts)) {
      String problem = item.getString("problem");
      cases.add(new JsonObject().put("program", item.getString("program"))
          .put("expected", MathTemplates.solve(problem).orElseThrow().answer()));
    }
    assertThat(cases.size()).isEqualTo(200);
    String out = Python.run(dir, Python.PRELUDE + String.join("\n",
        "counts = {}",
        "for c in DATA:",
        "    ns = {}",
        "    try:",
        "        exec(c['program'], ns)",
        "        a = call(ns['solution'])",
        "        b = call(ns['solution'])",
        "        kind = 'nondet' if a != b else 'string' if isinstance(a, str) else 'ok' if str(a) == c['expected'] else 'WRONG'",
        "    except Exception:",
        "        kind = 'raises'",
        "    counts[kind] = counts.get(kind, 0) + 1",
        "print(json.dumps(counts))",
        ""), cases.encode());
    JsonObject counts = new JsonObject(out);
    assertThat(counts.getInteger("WRONG", 0)).as(out).isZero();
    assertThat(counts.getInteger("raises", 0)).as(out).isPositive();
    assertThat(counts.getInteger("nondet", 0)).as(out).isPositive();
    assertThat(counts.getInteger("string", 0)).as(out).isPositive();
    assertThat(counts.getInteger("ok")).as(out).isBetween(160, 194);
  }

  @Test
  void reasoningProposalsMatchTheirDescriptionAndSomeAreDefective(Vertx vertx, @TempDir Path dir) throws Exception {
    var sim = model(vertx, SimulatorOptions.defaults());
    ChatRequest request = Ask.propose("propose/code-reasoning", 10, "def f(x):\n    return x * 2 + 1\n", 20, 5L);
    List<String> texts = sim.apply(request);
    assertThat(sim.apply(request)).containsExactlyElementsOf(texts);
    JsonArray cases = new JsonArray();
    int described = 0;
    for (JsonObject item : items(texts)) {
      JsonArray inputs = item.getJsonArray("inputs");
      assertThat(inputs.size()).isBetween(3, 5);
      Optional<CodeReasoning.Fn> fn = CodeReasoning.fromDescription(item.getString("description"));
      assertThat(fn).as(item.getString("description")).isPresent();
      JsonArray expected = new JsonArray();
      if (fn.get().program().equals(item.getString("program"))) {
        described++;
        for (Object x : inputs) {
          expected.add(PyLiteral.repr(fn.get().apply(PyLiteral.parse((String) x).orElseThrow())));
        }
      }
      cases.add(item.copy().put("expected", expected));
    }
    assertThat(described).isBetween(160, 194);
    String out = Python.run(dir, Python.PRELUDE + String.join("\n",
        "counts = {}",
        "for c in DATA:",
        "    kind = 'ok'",
        "    if 'import' in c['program']:",
        "        kind = 'imports'",
        "    else:",
        "        ns = {}",
        "        exec(c['program'], ns)",
        "        for i, x in enumerate(c['inputs']):",
        "            try:",
        "                y = call(ns['f'], ast.literal_eval(x))",
        "            except Slow:",
        "                kind = 'loops'",
        "                break",
        "            if isinstance(y, set):",
        "                kind = 'set'",
        "                break",
        "            if not c['expected'] or repr(y) != c['expected'][i]:",
        "                kind = 'WRONG'",
        "    counts[kind] = counts.get(kind, 0) + 1",
        "print(json.dumps(counts))",
        ""), cases.encode());
    JsonObject counts = new JsonObject(out);
    assertThat(counts.getInteger("WRONG", 0)).as(out).isZero();
    assertThat(counts.getInteger("imports", 0)).as(out).isPositive();
    assertThat(counts.getInteger("loops", 0)).as(out).isPositive();
    assertThat(counts.getInteger("set", 0)).as(out).isPositive();
    assertThat(counts.getInteger("ok")).as(out).isEqualTo(described);
  }
}

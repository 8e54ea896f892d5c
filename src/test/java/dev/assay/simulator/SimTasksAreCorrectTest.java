package dev.assay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's own tasks are right: every code variant's reference passes its generated
 * asserts under CPython and its wrong_answer variant fails them; every math template answer is
 * what the problem text says. (Runs only our own generated code, never a bad outcome.)
 */
class SimTasksAreCorrectTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Pattern BLOCK = Pattern.compile("(?s)```python\\n(.*?)```");

  private static Set<String> allVariantNames() {
    Set<String> names = new LinkedHashSet<>();
    SplittableRandom rng = new SplittableRandom(7);
    for (int round = 0; round < 60; round++) {
      for (int f = 0; f < CodeTemplates.families(); f++) {
        names.add(CodeTemplates.variantName(f, rng));
      }
    }
    return names;
  }

  @Test
  void everyCodeReferencePassesItsTestsAndEveryWrongAnswerFails(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
    Set<String> names = allVariantNames();
    assertThat(names).hasSizeGreaterThan(40);
    JsonArray cases = new JsonArray();
    SplittableRandom rng = new SplittableRandom(11);
    for (String name : names) {
      CodeTemplates.Task t = CodeTemplates.byName(name).orElseThrow();
      List<String> tests = t.tests(rng);
      assertThat(tests).hasSizeBetween(2, 4);
      String wrong = code(SimWriters.code(t.prompt(), name, t.solution(), SimOutcome.WRONG_ANSWER, rng));
      String right = code(SimWriters.code(t.prompt(), name, t.solution(), SimOutcome.CORRECT, rng));
      cases.add(new JsonObject().put("name", name).put("right", right).put("wrong", wrong)
          .put("tests", new JsonArray(new ArrayList<Object>(tests))));
    }
    Path data = Files.writeString(dir.resolve("cases.json"), cases.encode());
    Path script = Files.writeString(dir.resolve("check.py"), String.join("\n",
        "import json, sys",
        "bad = []",
        "runs = 0",
        "for c in json.load(open(sys.argv[1])):",
        "    for kind in ('right', 'wrong'):",
        "        ns = {}",
        "        try:",
        "            exec(c[kind], ns)",
        "            for t in c['tests']:",
        "                exec(t, ns)",
        "            ok = True",
        "            runs += 1",
        "        except AssertionError:",
        "            ok = False",
        "        if ok != (kind == 'right'):",
        "            bad.append(c['name'] + ':' + kind)",
        "print('BAD', bad, 'RIGHT', runs)",
        ""));
    Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), data.toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out.trim()).isEqualTo("BAD [] RIGHT " + names.size());
  }

  @Test
  void mathTemplateAnswersParseBackFromTheText() {
    SplittableRandom rng = new SplittableRandom(5);
    for (MathTemplates.Family f : MathTemplates.Family.values()) {
      for (int i = 0; i < 50; i++) {
        MathTemplates.Solved s = MathTemplates.generate(f, rng);
        assertThat(MathTemplates.solve(s.problem())).get().extracting(MathTemplates.Solved::answer)
            .isEqualTo(s.answer());
        assertThat(MathTemplates.solve("  " + s.problem().replace(" ", "\n  ") + " ")).isPresent();
      }
    }
    assertThat(MathTemplates.solve("Solve for x: 3x + 7 = 22")).get()
        .extracting(MathTemplates.Solved::answer).isEqualTo("5");
    assertThat(MathTemplates.solve("What is 1/2 plus 1/3? Give the answer as a fraction in lowest terms."))
        .get().extracting(MathTemplates.Solved::answer).isEqualTo("5/6");
    assertThat(MathTemplates.solve("Solve for x: 4x + 5 = 2x + 11")).get()
        .extracting(MathTemplates.Solved::answer).isEqualTo("3");
    assertThat(MathTemplates.solve("What is the capital of France?")).isEmpty();
  }

  @Test
  void wordProblemAnswersArePositiveIntegers() {
    SplittableRandom rng = new SplittableRandom(9);
    for (int i = 0; i < 200; i++) {
      String answer = MathTemplates.generate(MathTemplates.Family.WORD, rng).answer();
      assertThat(Long.parseLong(answer)).as(answer).isNotNegative();
    }
  }

  private static String code(String reply) {
    Matcher m = BLOCK.matcher(reply);
    assertThat(m.find()).as(reply).isTrue();
    return m.group(1);
  }

}

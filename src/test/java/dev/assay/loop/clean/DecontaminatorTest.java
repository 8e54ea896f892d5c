package dev.assay.loop.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecontaminatorTest {
  static final Path PEER = Path.of("../shared/peer");
  static Decontaminator all;

  @BeforeAll
  static void loadPublicTestSets() {
    all = Decontaminator.load(Decontaminator.defaultBenchmarks(PEER), Decontaminator.DEFAULT_N);
  }

  static List<JsonObject> jsonl(Path p) throws IOException {
    return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
  }

  @Test
  void loadsAllFourTestSets() {
    assertThat(Decontaminator.defaultBenchmarks(PEER)).hasSize(4);
    assertThat(all.items()).isEqualTo(1319 + 500 + 164 + 427);
    assertThat(all.size()).isGreaterThan(100_000);
  }

  @Test
  void gsm8kQuestionIsCaughtAndNamed() throws IOException {
    String q = jsonl(PEER.resolve("gsm8k_test.jsonl")).get(0).getString("question");
    assertThat(all.check(q)).hasValueSatisfying(h -> {
      assertThat(h.benchmark()).isEqualTo("gsm8k_test");
      assertThat(h.itemId()).isEqualTo("line 1");
      assertThat(h.ngram().split(" ")).hasSize(13);
      assertThat(TextNorm.normalise(q)).contains(h.ngram());
    });
  }

  @Test
  void plantedQuestionIsCaughtInsideOtherTextWithChangedSpacingAndCase() throws IOException {
    String q = jsonl(PEER.resolve("gsm8k_test.jsonl")).get(41).getString("question");
    String planted = "Here is a new problem for you.\n\n" + q.toUpperCase().replace(" ", "   ") + "\nThink step by step.";
    assertThat(all.check(planted)).hasValueSatisfying(h -> assertThat(h.itemId()).isEqualTo("line 42"));
  }

  @Test
  void ourOwnSeedProblemsAndSolutionsAreClean() throws IOException {
    for (JsonObject p : jsonl(Path.of("problems/math.jsonl"))) {
      assertThat(all.check(p.getString("problem"))).as(p.getString("id")).isEmpty();
    }
    for (JsonObject p : jsonl(Path.of("problems/code.jsonl"))) {
      assertThat(all.check(p.getString("prompt"))).as(p.getString("id")).isEmpty();
    }
  }

  @Test
  void humanEvalPromptAndCanonicalSolutionAreCaught() throws IOException {
    JsonObject he = jsonl(PEER.resolve("humaneval.jsonl")).get(1);
    assertThat(all.check(he.getString("prompt"))).hasValueSatisfying(h -> {
      assertThat(h.benchmark()).isEqualTo("humaneval");
      assertThat(h.itemId()).isEqualTo("HumanEval/1");
    });
    assertThat(all.check(he.getString("prompt") + he.getString("canonical_solution")))
        .hasValueSatisfying(h -> assertThat(h.itemId()).isEqualTo("HumanEval/1"));
  }

  @Test
  void shortMbppTextIsCaughtInsideAPromptAndMathSolutionIsCaught() throws IOException {
    JsonObject mbpp = jsonl(PEER.resolve("mbpp.jsonl")).stream()
        .filter(j -> TextNorm.words(j.getString("text")).size() < 13).findFirst().orElseThrow();
    String prompt = mbpp.getString("text") + "\nYour code should pass this test:\n" + mbpp.getJsonArray("test_list").getString(0);
    assertThat(all.check(prompt)).hasValueSatisfying(h -> assertThat(h.benchmark()).isEqualTo("mbpp"));

    JsonObject math = jsonl(PEER.resolve("math500.jsonl")).get(0);
    assertThat(all.check("My reasoning: " + math.getString("solution")))
        .hasValueSatisfying(h -> assertThat(h.itemId()).isEqualTo(math.getString("unique_id")));
  }

  @Test
  void shortTextMatchesOnlyAWholeShortField(@TempDir Path dir) throws IOException {
    Path b = dir.resolve("tiny.jsonl");
    Files.writeString(b, "{\"id\":\"t1\",\"problem\":\"Compute $\\\\dbinom{8}{4}$.\",\"answer\":\"70\"}\n");
    Decontaminator d = Decontaminator.load(List.of(b), 13);
    assertThat(d.check("compute  DBINOM(8, 4)")).hasValueSatisfying(h -> assertThat(h.describe()).isEqualTo("tiny t1: \"compute dbinom 8 4\""));
    assertThat(d.check("Compute dbinom 8 4 and then add 70 to it.")).isEmpty();
    assertThat(d.check("70")).as("a bare final answer is not indexed").isEmpty();
    assertThat(d.check("")).isEmpty();
  }

  @Test
  void ngramSizeIsConfigurable(@TempDir Path dir) throws IOException {
    Path b = dir.resolve("bench.jsonl");
    Files.writeString(b, "{\"question\":\"one two three four five six seven eight nine ten eleven twelve thirteen fourteen\"}\n");
    String text = "alpha beta four five six seven eight gamma";
    assertThat(Decontaminator.load(List.of(b), 13).check(text)).isEmpty();
    assertThat(Decontaminator.load(List.of(b), 5).check(text))
        .hasValueSatisfying(h -> assertThat(h.ngram()).isEqualTo("four five six seven eight"));
    Decontaminator none = Decontaminator.load(List.of(), 13);
    assertThat(none.check(text)).isEmpty();
    assertThat(none.size()).isZero();
  }

  @Test
  void codeSolutionsCanRequireCoverageSoIdiomsAreNotContamination() throws IOException {
    String primeTest = "def is_prime(n):\n    if n < 2:\n        return False\n"
        + "    for i in range(2, int(n ** 0.5) + 1):\n        if n % i == 0:\n            return False\n    return True\n";
    assertThat(all.check(primeTest)).as("one idiomatic line is a shared 13-gram").isPresent();
    assertThat(all.coverage(primeTest)).isLessThan(0.5);
    assertThat(all.check(primeTest, 0.5)).isEmpty();

    JsonObject he = jsonl(PEER.resolve("humaneval.jsonl")).get(1);
    String copied = "def separate_paren_groups(paren_string):\n" + he.getString("canonical_solution");
    assertThat(all.coverage(copied)).isGreaterThan(0.8);
    assertThat(all.check(copied, 0.5)).hasValueSatisfying(h -> assertThat(h.itemId()).isEqualTo("HumanEval/1"));
    for (JsonObject p : jsonl(Path.of("problems/code.jsonl"))) {
      assertThat(all.coverage(p.getString("solution", ""))).as(p.getString("id")).isZero();
    }
  }

  @Test
  void anItemDuplicatedAcrossBenchmarkFilesStillMatchesNamingTheFirst(@TempDir Path dir) throws IOException {
    String q = "Tom has 12 apples and gives a third of them to each of his two sisters. How many apples does Tom keep?";
    Path first = dir.resolve("first.jsonl");
    Path second = dir.resolve("second.jsonl");
    Files.writeString(first, new JsonObject().put("id", "a").put("question", q).encode() + "\n");
    Files.writeString(second, new JsonObject().put("id", "b").put("problem", q).encode() + "\n"
        + new JsonObject().put("id", "c").put("problem", "Before that: " + q).encode() + "\n");
    Decontaminator d = Decontaminator.load(List.of(first, second), 13);
    assertThat(d.items()).isEqualTo(3);
    assertThat(d.check("Solve this. " + q)).hasValueSatisfying(h -> assertThat(h.describe()).startsWith("first a: "));
  }

  @Test
  void badBenchmarkFilesAreConfigErrorsNamingTheFile(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.jsonl");
    Files.writeString(broken, "{\"question\":\"fine\"}\n{not json\n");
    assertConfigError(() -> Decontaminator.load(List.of(broken), 13), "broken.jsonl line 2");
    Path empty = dir.resolve("nofields.jsonl");
    Files.writeString(empty, "{\"x\":1}\n");
    assertConfigError(() -> Decontaminator.load(List.of(empty), 13), "nofields.jsonl");
    assertConfigError(() -> Decontaminator.load(List.of(dir.resolve("missing.jsonl")), 13), "missing.jsonl");
    assertConfigError(() -> Decontaminator.load(List.of(), 0), "at least 1");
  }

  private static void assertConfigError(Runnable r, String fragment) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(AssayException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
      assertThat(e.getMessage()).contains(fragment);
    });
  }
}

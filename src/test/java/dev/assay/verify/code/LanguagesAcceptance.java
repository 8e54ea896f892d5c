package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Sandbox;
import dev.assay.verify.VerdictReason;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's acceptance, for one sandbox backend (subclasses give it): hand-written C++,
 * JavaScript, Go and Rust programs ({@code src/test/resources/programs}) get the verdict their
 * name says on stdin/stdout problems ({@code right}: ok, {@code wrong}: wrong_answer, {@code slow}:
 * timeout, {@code crash}: runtime_error, {@code broken}: compile_error); on a floating-tolerance
 * problem and a checker-program problem every valid answer is accepted and every invalid one
 * rejected. Every candidate is submitted up front (the pool runs them side by side), each test
 * awaits its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LanguagesAcceptance {
  static final Path PROGRAMS = Path.of("src/test/resources/programs");
  static final Map<String, String> LANGUAGE = Map.of("cpp", "cpp", "js", "javascript", "go", "go", "rs", "rust");
  private final Map<String, Future<CodeVerdict>> verdicts = new LinkedHashMap<>();

  /** The sandbox under test; created before the first test, closed by the subclass. */
  protected abstract Sandbox sandbox();

  /** Submits every candidate once (the subclass calls it in its {@code @BeforeAll}). */
  protected void submitAll() throws IOException {
    CodeVerifier verifier = new CodeVerifier(sandbox(), new CodeVerifier.Limits(2_000, 256, false, 60_000));
    JsonObject checker = new JsonObject().put("type", "program").put("language", "cpp")
        .put("source", Files.readString(PROGRAMS.resolve("split/checker.cpp")));
    for (String problem : List.of("sum", "sort", "fib", "circle", "split")) {
      JsonObject task = new JsonObject(Files.readString(PROGRAMS.resolve(problem).resolve("task.json")));
      if (problem.equals("split")) {
        task.put("checker", checker);
      }
      try (Stream<Path> files = Files.list(PROGRAMS.resolve(problem))) {
        for (Path p : files.sorted().toList()) {
          String name = p.getFileName().toString();
          String ext = name.substring(name.lastIndexOf('.') + 1);
          if (!LANGUAGE.containsKey(ext) || name.equals("checker.cpp")) {
            continue;
          }
          CodeTask t = CodeTask.fromJson(task.copy().put("language", LANGUAGE.get(ext)), null);
          verdicts.put(problem + "/" + name, verifier.verify(t, Files.readString(p)));
        }
      }
    }
  }

  static Stream<Arguments> programs() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String problem : List.of("sum", "sort", "fib")) {
      try (Stream<Path> files = Files.list(PROGRAMS.resolve(problem))) {
        files.map(p -> p.getFileName().toString()).filter(n -> LANGUAGE.containsKey(n.substring(n.lastIndexOf('.') + 1)))
            .sorted().forEach(n -> out.add(Arguments.of(problem, n)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("programs")
  void everyProgramGetsTheVerdictItsNameSays(String problem, String file) throws Exception {
    CodeVerdict v = verdict(problem + "/" + file);
    String kind = file.substring(0, file.indexOf('.'));
    VerdictReason want = switch (kind) {
      case "right" -> VerdictReason.OK;
      case "wrong" -> VerdictReason.WRONG_ANSWER;
      case "slow" -> VerdictReason.TIMEOUT;
      case "crash" -> VerdictReason.RUNTIME_ERROR;
      case "broken" -> VerdictReason.COMPILE_ERROR;
      default -> throw new IllegalArgumentException(kind);
    };
    assertThat(v.verdict().reason()).as("%s/%s: %s", problem, file, v.verdict()).isEqualTo(want);
    assertThat(v.run().compile()).as("compiled (or checked) once").isNotNull();
    if (want == VerdictReason.OK) {
      assertThat(v.tests()).allMatch(TestResult::passed);
      assertThat(v.failedTest()).isEqualTo(-1);
    } else if (want != VerdictReason.COMPILE_ERROR) {
      int i = v.failedTest();
      assertThat(v.verdict().detail()).startsWith("test " + i + ": ");
      assertThat(v.tests().subList(i + 1, v.tests().size())).as("stopped at the first failure")
          .allMatch(t -> t.status().equals("not_run"));
    } else {
      assertThat(v.tests()).allMatch(t -> t.status().equals("not_run"));
    }
  }

  @Test
  void theFailingTestIsTheFirstOneAProgramGetsWrong() throws Exception {
    assertThat(verdict("fib/wrong.cpp").failedTest()).as("F(1) for F(0)").isZero();
    assertThat(verdict("fib/wrong.go").failedTest()).as("int32 overflows at F(50)").isEqualTo(3);
    assertThat(verdict("fib/wrong.js").failedTest()).as("doubles lose F(90)").isEqualTo(4);
    assertThat(verdict("fib/slow.rs").failedTest()).as("fib(50) by recursion").isEqualTo(3);
    assertThat(verdict("fib/slow.rs").tests().subList(0, 3)).allMatch(TestResult::passed);
  }

  @Test
  void everyValidFloatingPointAnswerIsAcceptedAndAnInvalidOneRejected() throws Exception {
    for (String f : List.of("valid-fixed.cpp", "valid-full.js", "valid-exponent.go", "valid-approx.rs")) {
      CodeVerdict v = verdict("circle/" + f);
      assertThat(v.verdict().reason()).as("%s: %s", f, v.verdict()).isEqualTo(VerdictReason.OK);
    }
    CodeVerdict rounded = verdict("circle/invalid-rounded.cpp");
    assertThat(rounded.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(rounded.verdict().detail()).startsWith("test 0: token 0: expected '3.141592653589793', got '3.14'");
    assertThat(verdict("circle/invalid-extra.js").verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
  }

  @Test
  void aCheckerProgramAcceptsEveryValidAnswerAndRejectsInvalidOnes() throws Exception {
    for (String f : List.of("valid-zero-first.cpp", "valid-zero-last.go", "valid-halves.rs", "valid-thirds.js")) {
      CodeVerdict v = verdict("split/" + f);
      assertThat(v.verdict().reason()).as("%s: %s", f, v.verdict()).isEqualTo(VerdictReason.OK);
      assertThat(v.tests()).hasSize(4).allMatch(TestResult::passed);
    }
    CodeVerdict off = verdict("split/invalid-off-by-one.cpp");
    assertThat(off.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(off.verdict().detail()).isEqualTo("test 0: checker: 1 + 0 != 0");
    CodeVerdict negative = verdict("split/invalid-negative.js");
    assertThat(negative.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(negative.verdict().detail()).contains("negative number");
  }

  private CodeVerdict verdict(String key) throws Exception {
    Future<CodeVerdict> f = verdicts.get(key);
    assertThat(f).as("submitted %s", key).isNotNull();
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}

package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeBatchTest {

  static Vertx vertx;
  static CodeVerifier verifier;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    verifier = new CodeVerifier(new LocalSandbox(vertx), 20_000, 256);
  }

  @AfterAll
  static void tearDown() throws Exception {
    Fixtures.await(vertx.close());
  }

  @Test
  void aFileIsVerifiedAgainstOneOfItsFieldsWithASummary(@TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(Fixtures.HUMANEVAL).subList(0, 5);
    Path f = dir.resolve("five.jsonl");
    Files.write(f, lines);
    List<CodeTask> tasks = CodeBatch.readJsonl(f, null);
    List<Integer> seen = new CopyOnWriteArrayList<>();
    CodeBatch.Summary s = Fixtures.await(CodeBatch.verifyAll(verifier, tasks,
        "canonical_solution", 2, item -> seen.add(item.index())));
    assertThat(s.line()).startsWith("5/5 passed (ok=5) in ");
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);

    // the prompt alone as the candidate: a stub whose body is only a docstring returns None
    CodeBatch.Summary wrong = Fixtures.await(CodeBatch.verifyAll(verifier, tasks.subList(0, 2),
        "entry_point", 2, item -> { }));
    assertThat(wrong.passed()).isZero();
    assertThat(wrong.total()).isEqualTo(2);
  }

  @Test
  void badLinesAndMissingFieldsAreInvalidInput(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.write(f, List.of(Files.readAllLines(Fixtures.MBPP).get(0), "{not json"));
    assertThatThrownBy(() -> CodeBatch.readJsonl(f, null))
        .isInstanceOf(AssayException.class).hasMessageContaining("bad.jsonl:2");
    List<CodeTask> tasks = CodeBatch.readJsonl(Fixtures.MBPP, "mbpp").subList(0, 1);
    assertThatThrownBy(() -> Fixtures.await(CodeBatch.verifyAll(verifier, tasks,
        "canonical_solution", 1, item -> { })))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AssayException.class);
  }
}

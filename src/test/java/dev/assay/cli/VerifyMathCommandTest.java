package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code assay verify math}: exit 0 when every line is equivalent, 1 when some line is not, 2
 * with one line naming file, line and field for bad input (issues 10 and 12).
 */
class VerifyMathCommandTest {
  private static final String GOOD = "{\"gold\": \"1/2\", \"pred\": \"\\\\boxed{0.5}\"}";

  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    Path f = dir.resolve("in.jsonl");
    Files.write(f, List.of(lines));
    return f;
  }

  @Test
  void exitsZeroWhenEveryLineIsEquivalentAndOneWhenSomeLineIsNot() throws IOException {
    CliRun ok = CliRun.of("verify", "math", file(GOOD, GOOD).toString());
    assertThat(ok.code()).isEqualTo(ExitCodes.OK);
    assertThat(ok.outLines()).hasSize(2);
    assertThat(ok.err()).contains("2/2 equivalent");

    CliRun some = CliRun.of("verify", "math", file(GOOD, "{\"gold\": \"1/2\", \"pred\": \"\\\\boxed{0.6}\"}").toString());
    assertThat(some.code()).isEqualTo(ExitCodes.NOT_ALL_PASSED);
    assertThat(some.outLines()).hasSize(2);
    assertThat(new JsonObject(some.outLines().get(1)).getString("reason")).isEqualTo("not_equal");
    assertThat(some.err()).contains("1/2 equivalent");
  }

  @Test
  void extractionFlagChoosesStrictAndReportsFormatFailures() throws IOException {
    Path f = file(new JsonObject().put("gold", "9")
            .put("pred", "[{\"problem\": \"A box holds 6 rows of 9 eggs...\", \"answer\": \"54\"}]").encode(),
        new JsonObject().put("gold", "42").put("pred", "The answer is \"42\"").encode());
    CliRun lenient = CliRun.of("verify", "math", f.toString());
    assertThat(lenient.code()).isEqualTo(ExitCodes.NOT_ALL_PASSED);
    assertThat(new JsonObject(lenient.outLines().get(0)).getBoolean("equivalent")).isFalse();
    assertThat(new JsonObject(lenient.outLines().get(1)).getString("reason")).isEqualTo("equal");

    CliRun strict = CliRun.of("verify", "math", "--extraction", "strict", f.toString());
    JsonObject json = new JsonObject(strict.outLines().get(0));
    assertThat(json.getString("reason")).isEqualTo("no_answer");
    assertThat(json.getString("detail")).isEqualTo("format");
    assertThat(new JsonObject(strict.outLines().get(1)).getString("reason")).isEqualTo("equal");

    CliRun boxedOnly = CliRun.of("verify", "math", "--extraction", "strict", "--answer-format", "boxed", f.toString());
    assertThat(new JsonObject(boxedOnly.outLines().get(1)).getString("detail")).isEqualTo("format");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "{\"gold\": \"1\", \"pred\": \"1\", \"precision\": \"abc\"} | field 'precision' must be an integer from 0 to 15, got \"abc\"",
    "{\"gold\": \"1\", \"pred\": \"1.0001\", \"precision\": -5} | field 'precision' must be an integer from 0 to 15, got -5",
    "{\"gold\": \"1\", \"pred\": \"1\", \"precision\": 2.5} | field 'precision' must be an integer from 0 to 15, got 2.5",
    "{\"gold\": \"1\", \"pred\": \"1\", \"strict\": \"yes\"} | field 'strict' must be true or false, got \"yes\"",
    "{\"gold\": \"1\", \"pred\": \"1\", \"allow_set_relation_comp\": 1} | field 'allow_set_relation_comp' must be true or false, got 1",
    "{\"gold\": \"1\", \"pred\": \"1\", \"expected\": \"true\"} | field 'expected' must be true or false, got \"true\"",
    "{\"gold\": \"1\", \"pred\": \"1\", \"match\": 3} | field 'match' must be a string, got 3",
    "{\"gold\": \"1\", \"pred\": \"1\", \"extraction\": \"maybe\"} | field 'extraction' must be strict or lenient, got 'maybe'",
    "{\"gold\": \"1\", \"pred\": \"1\", \"answer_format\": \"regex:(\"} | field 'answer_format' regex does not compile",
    "{\"gold\": \"1\"} | missing field 'pred'",
    "{\"pred\": \"1\"} | missing field 'gold'",
    "{\"gold\": [1], \"pred\": \"1\"} | field 'gold' must be a string, got an array",
    "not json at all | not a JSON object",
    "[1, 2] | not a JSON object",
  })
  void badLineIsExitTwoWithOneLineNamingFileLineAndField(String bad, String message) throws IOException {
    Path f = file(GOOD, bad);
    CliRun r = CliRun.of("verify", "math", f.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("assay: error (invalid_input): " + f + ":2: ").contains(message);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badOptionsAndMissingFileAreExitTwoWithOneLine() throws IOException {
    Path f = file(GOOD);
    for (String[] args : List.of(
        new String[] {"verify", "math", "--extraction", "maybe", f.toString()},
        new String[] {"verify", "math", "--answer-format", "json", f.toString()},
        new String[] {"verify", "math", "--mode", "regex", f.toString()},
        new String[] {"verify", "math", dir.resolve("missing.jsonl").toString()})) {
      CliRun r = CliRun.of(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(r.errLines()).as(r.err()).hasSize(1);
      assertThat(r.errLines().get(0)).startsWith("assay: error (invalid_input): ");
    }
    assertThat(CliRun.of("verify", "math", "--extraction", "maybe", f.toString()).err())
        .contains("--extraction must be strict or lenient, got 'maybe'");
    assertThat(CliRun.of("verify", "math", dir.resolve("missing.jsonl").toString()).err())
        .contains("missing.jsonl: no such file");
  }
}

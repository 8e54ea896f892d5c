package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
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
 * {@code assay verify code} and {@code assay sandbox run} with bad input: exit 2 and one line
 * naming the file, line and field, before any sandbox starts (issue 12); {@code verify code}
 * exits 1 when a candidate fails and 0 when all pass (issue 10), through the real process sandbox.
 */
class VerifyCodeAndSandboxInputTest {
  @TempDir Path dir;

  private static JsonObject seed(String solution) {
    return new JsonObject().put("id", "add").put("prompt", "def add(a, b):\n    \"\"\"Sum of a and b.\"\"\"\n").put("entry_point", "add")
        .put("tests", new JsonArray().add("assert add(1, 2) == 3").add("assert add(-1, 1) == 0"))
        .put("solution", solution);
  }

  private Path file(String name, String... lines) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, List.of(lines));
    return f;
  }

  private static void assertOneLineError(CliRun r, String prefix, String message) {
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.errLines()).as(r.err()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("assay: error (invalid_input): " + prefix).contains(message);
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "{\"id\": \"t\", \"prompt\": \"def f(): pass\", \"entry_point\": \"f\", \"tests\": \"assert f() is None\", \"solution\": \"x\"} | task t: field 'tests' must be a list, got a string",
    "{\"id\": \"t\", \"tests\": \"assert f() is None\", \"solution\": \"x\"} | task t: field 'tests' must be a list, got a string",
    "{\"id\": \"t\", \"entry_point\": \"f\", \"tests\": [\"assert f() is None\", 3], \"solution\": \"x\"} | task t: field 'tests[1]' must be a string, got a number",
    "{\"id\": \"t\", \"entry_point\": 7, \"tests\": [\"assert f() is None\"], \"solution\": \"x\"} | task t: field 'entry_point' must be a string, got a number",
    "{\"task_id\": \"h\", \"prompt\": \"def f():\", \"test\": 5, \"entry_point\": \"f\", \"completion\": \"x\"} | task h: field 'test' must be a string, got a number",
    "{\"task_id\": 2, \"test_list\": \"assert f()\", \"code\": \"x\"} | task 2: field 'test_list' must be a list of strings, got a string",
    "{\"task_id\": 2, \"test_list\": [\"assert f()\"], \"test_setup_code\": [1], \"code\": \"x\"} | task 2: field 'test_setup_code' must be a string, got a list",
    "{\"id\": \"io\", \"tests\": [{\"input\": \"1\", \"output\": \"1\"}, \"2\"], \"solution\": \"x\"} | task io: field 'tests[1]' must be an {\"input\", \"output\"} object, got a string",
    "{\"id\": \"j\", \"language\": 5, \"tests\": [], \"solution\": \"x\"} | task j: field 'language' must be a string, got a number",
    "{\"id\": \"t\", \"entry_point\": \"f\", \"tests\": [\"assert f() is None\"], \"solution\": 12} | field 'solution' (the candidate) must be a string",
    "{\"id\": \"t\", \"entry_point\": \"f\", \"tests\": [\"assert f() is None\"]} | field 'solution' (the candidate) is missing",
    "{\"id\": \"t\", \"entry_point\": \"f\" | not a JSON object",
  })
  void badCodeTaskLineIsExitTwoNamingFileLineAndField(String bad, String message) throws IOException {
    Path f = file("tasks.jsonl", seed("def add(a, b):\n    return a + b\n").encode(), bad);
    assertOneLineError(CliRun.of("verify", "code", f.toString()), f + ":2: ", message);
  }

  @Test
  void verifyCodeExitsOneWhenACandidateFailsAndZeroWhenAllPass() throws IOException {
    String right = seed("def add(a, b):\n    return a + b\n").encode();
    String wrong = seed("def add(a, b):\n    return a - b\n").put("id", "sub").encode();
    CliRun all = CliRun.of("verify", "code", file("ok.jsonl", right).toString());
    assertThat(all.code()).as(all.err()).isEqualTo(ExitCodes.OK);
    assertThat(new JsonObject(all.outLines().get(0)).getBoolean("passed")).isTrue();

    CliRun some = CliRun.of("verify", "code", file("some.jsonl", right, wrong).toString());
    assertThat(some.code()).as(some.err()).isEqualTo(ExitCodes.NOT_ALL_PASSED);
    assertThat(some.outLines()).hasSize(2);
    assertThat(new JsonObject(some.outLines().get(1)).getBoolean("passed")).isFalse();
  }

  @Test
  void sandboxRunRefusesBinaryNonUtf8AndMissingFilesWithOneLine() throws IOException {
    Path binary = dir.resolve("prog.bin");
    Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0});
    assertOneLineError(CliRun.of("sandbox", "run", binary.toString()), binary + ": ", "the program file is binary, not text");

    Path latin1 = dir.resolve("prog.py");
    Files.write(latin1, new byte[] {'p', 'r', 'i', 'n', 't', '(', '"', (byte) 0xe9, '"', ')', '\n'});
    assertOneLineError(CliRun.of("sandbox", "run", latin1.toString()), latin1 + ": ", "the program file is not UTF-8 text");

    Path missing = dir.resolve("missing.py");
    assertOneLineError(CliRun.of("sandbox", "run", missing.toString()), missing + ": ", "no such program file");

    assertOneLineError(CliRun.of("sandbox", "run", dir.toString()), dir + ": ", "no such program file");

    Path ok = file("ok.py", "print(input())");
    assertOneLineError(CliRun.of("sandbox", "run", "--stdin", binary.toString(), ok.toString()), binary + ": ",
        "the --stdin file is binary, not text");
    assertOneLineError(CliRun.of("sandbox", "run", "--timeout-ms", "-1", ok.toString()), "", "--timeout-ms must be positive");
  }
}

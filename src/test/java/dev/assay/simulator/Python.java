package dev.assay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a checking script under /usr/bin/python3 with a JSON data file; returns its stdout. */
final class Python {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private Python() {}

  static String run(Path dir, String script, String json) throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
    Path data = Files.writeString(Files.createTempFile(dir, "data", ".json"), json);
    Path file = Files.writeString(Files.createTempFile(dir, "check", ".py"), script);
    Process p = new ProcessBuilder(PYTHON.toString(), file.toString(), data.toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("python finished").isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  /** Prelude: json data as DATA, and {@code call(fn, *args)} that gives up after a second. */
  static final String PRELUDE = String.join("\n",
      "import json, sys, signal, ast",
      "DATA = json.load(open(sys.argv[1]))",
      "class Slow(Exception):",
      "    pass",
      "def _alarm(*_):",
      "    raise Slow()",
      "signal.signal(signal.SIGALRM, _alarm)",
      "def call(fn, *args):",
      "    signal.setitimer(signal.ITIMER_REAL, 1.0)",
      "    try:",
      "        return fn(*args)",
      "    finally:",
      "        signal.setitimer(signal.ITIMER_REAL, 0)",
      "");
}

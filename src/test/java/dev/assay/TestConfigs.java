package dev.assay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shipped configs as tests that run whole rounds use them. */
public final class TestConfigs {
  private TestConfigs() {}

  /**
   * {@code config/demo.yaml} with a 300 ms sandbox CPU limit instead of 1 s, written to {@code dir}:
   * the same round (the demo's correct programs need well under 50 ms of CPU, so every kept sample
   * is the same), but its infinite loops and memory hogs are stopped three times sooner (each
   * timeout costs the limit twice on a contended machine). For tests of what a round does, not of
   * which limit stops a program; {@code RoundEndToEndTest} runs the shipped file as it is.
   */
  public static Path quickDemo(Path dir) throws IOException {
    String yaml = Files.readString(Path.of("config/demo.yaml"));
    String line = "  timeout_ms: 1000           # CPU time of the whole process tree";
    if (!yaml.contains(line)) {
      throw new IllegalStateException("config/demo.yaml no longer has the sandbox line: " + line);
    }
    return Files.writeString(Files.createDirectories(dir).resolve("quick-demo.yaml"),
        yaml.replace(line, "  timeout_ms: 300            # CPU time of the whole process tree"));
  }
}

package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay doctor --config FILE}: one line per fact about the endpoint; exit 3 naming the URL when it is dead. */
class DoctorCommandTest {
  private record Run(int exit, String out, String err) {}

  private static Run doctor(Path config) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = Main.run("doctor", "--config", config.toString());
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void theSimulatedLlamaCppEndpointIsProbedFactByFact(@TempDir Path dir) throws Exception {
    Path cfg = Files.writeString(dir.resolve("c.yaml"), "model: {simulated: true}\n"
        + "simulator: {behaves_like: llama.cpp, slots: 2}\n");
    Run r = doctor(cfg);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("model:    http://127.0.0.1:").contains("model n limit: ").contains("limit learned: 2")
        .contains("model tokenize: POST /tokenize answers").contains("model seed: accepted").contains("python:");
    for (String lang : new String[] {"cpp:", "node:", "go:", "rust:"}) {
      assertThat(r.out()).as("a toolchain line for " + lang).containsPattern("(?m)^" + lang + " +(/usr/bin/\\S+ \\(|missing: )");
    }
    assertThat(r.err()).contains("SIMULATED").contains("llama.cpp");
  }

  @Test
  void aDeadEndpointExitsThreeNamingItsUrl(@TempDir Path dir) throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path cfg = Files.writeString(dir.resolve("c.yaml"), "model: {base_url: \"http://127.0.0.1:" + port
        + "\", name: m, timeout_ms: 2000}\n");
    Run r = doctor(cfg);
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains("model chat: PROBLEM:");
    assertThat(r.err()).contains("http://127.0.0.1:" + port).contains("does not answer");
  }
}

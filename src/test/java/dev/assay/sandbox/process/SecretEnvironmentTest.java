package dev.assay.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.isolation.Isolation;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API key in the environment of whoever starts the runner (the daemon) never reaches the
 * candidate: the runner is started exactly as the pool starts it, but under an environment that
 * holds the key.
 */
class SecretEnvironmentTest {
  static final String KEY = "sk-assay-test-" + Long.toHexString(System.nanoTime());

  @Test
  void apiKeyInTheDaemonEnvironmentIsAbsentInTheSandbox(@TempDir Path dir) throws Exception {
    Isolation iso = Isolation.select("auto", "/usr/bin/python3");
    Path script = Files.copy(Path.of("sandbox/runners/pyrunner.py"), dir.resolve("pyrunner.py"));
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions
        .fromString("rwx--x--x"));
    Path work = Files.createDirectories(dir.resolve("work"));
    if (iso.uid() >= 0) {
      Files.setAttribute(work, "unix:uid", iso.uid());
    }
    ProcessSandbox.Setup setup = new ProcessSandbox.Setup(SandboxTesting.options(1, true), iso,
        script, dir);
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "OPENAI_API_KEY=" + KEY,
        "ASSAY_MODEL_API_KEY=" + KEY));
    cmd.addAll(PyRunner.command(setup, null, work));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve("runner.log").toFile());
    pb.environment().put("OPENAI_API_KEY", KEY);
    Process p = pb.start();
    try (var in = new java.io.DataInputStream(p.getInputStream()); var out = p.getOutputStream()) {
      frame(in); // ready
      byte[] body = new JsonObject()
          .put("id", 1)
          .put("timeout_ms", 2000)
          .put("source", """
              import os
              print(dict(os.environ))
              print(open('/proc/self/environ').read())
              for pid in os.listdir('/proc'):
                  if pid.isdigit():
                      try:
                          print(pid, open('/proc/%s/environ' % pid).read())
                      except OSError as e:
                          print(pid, 'unreadable')
              """).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.write(java.nio.ByteBuffer.allocate(4).putInt(body.length).array());
      out.write(body);
      out.flush();
      JsonObject reply = frame(in);
      assertThat(reply.getInteger("exit_code")).isZero();
      assertThat(reply.getString("stdout")).doesNotContain(KEY).doesNotContain("API_KEY")
          .contains("'PATH'");
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static JsonObject frame(java.io.DataInputStream in) throws java.io.IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new JsonObject(new String(b, java.nio.charset.StandardCharsets.UTF_8));
  }
}

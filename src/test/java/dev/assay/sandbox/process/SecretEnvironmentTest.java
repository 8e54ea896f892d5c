package dev.assay.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

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
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "OPENAI_API_KEY=" + KEY,
        "ASSAY_MODEL_API_KEY=" + KEY));
    cmd.addAll(RunnerCommand.build(iso, null, script, "/usr/bin/python3", 64, true, dir));
    try (Runner r = Runner.start(cmd, dir.resolve("runner.log"), 20_000)) {
      JsonObject reply = r.call(new JsonObject()
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
              """), 10_000);
      assertThat(reply.getInteger("exit_code")).isZero();
      assertThat(reply.getString("stdout")).doesNotContain(KEY).doesNotContain("API_KEY")
          .contains("'PATH'");
    }
  }
}

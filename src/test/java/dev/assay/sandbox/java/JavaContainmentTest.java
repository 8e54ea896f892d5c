package dev.assay.sandbox.java;

import static dev.assay.sandbox.java.JavaSandboxTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.SandboxResult;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containment, checked at both layers: through the sandbox (guard + bwrap together) and with
 * plain programs run in the same bwrap view (the isolation holds without the in-JVM guard).
 */
@Tag("e2e")
class JavaContainmentTest {
  private static Vertx vertx;
  private static JavaSandbox sandbox;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sandbox = JavaSandbox.create(vertx, JavaTesting.options(1, "jbtest-contain"));
  }

  @AfterAll
  static void stop() throws Exception {
    sandbox.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void candidateCannotReadEnvironmentHostFilesOrConnect(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-42");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(300);
      SandboxResult r = run(sandbox, """
          import java.nio.file.*;
          public class Main {
            static void tryIt(String what, java.util.concurrent.Callable<Object> c) {
              try { System.out.println(what + " LEAKED " + c.call()); }
              catch (Throwable t) { System.out.println(what + " blocked"); }
            }
            public static void main(String[] args) {
              tryIt("env", () -> System.getenv());
              tryIt("file", () -> Files.readString(Path.of("%s")));
              tryIt("proc", () -> Files.readString(Path.of("/proc/1/environ")));
              tryIt("net", () -> new java.net.Socket("127.0.0.1", %d));
              tryIt("exec", () -> Runtime.getRuntime().exec(new String[] {"/bin/true"}));
              tryIt("runner", () -> Class.forName("dev.assay.sandbox.java.JavaRunnerMain"));
            }
          }
          """.formatted(secret, server.getLocalPort()), "");
      assertThat(r.stdout()).isEqualTo(
          "env blocked\nfile blocked\nproc blocked\nnet blocked\nexec blocked\nrunner blocked\n");
      assertThat(accepted(server)).isFalse();
    }
  }

  @Test
  void theBwrapViewAloneHidesHostFilesEnvironmentAndNetwork(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-42");
    RunnerLauncher launcher = new RunnerLauncher(JavaSettings.from(JavaTesting.options(1)), dir);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(300);
      String script = "cat " + secret + " 2>&1; cat /proc/1/environ; env; echo; ls /root /work"
          + " 2>&1; /usr/bin/python3 -c \"import socket; socket.create_connection(('127.0.0.1',"
          + server.getLocalPort() + "), 2)\" 2>&1 | tail -1; touch /usr/x 2>&1; echo $(id -u)";
      ProcessBuilder pb = new ProcessBuilder(launcher.isolate(List.of("/bin/sh", "-c", script)));
      pb.environment().put("ASSAY_API_KEY", "sk-daemon-secret");
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(out).doesNotContain("TOP-SECRET-42").contains("No such file");
      assertThat(out).doesNotContain("sk-daemon-secret").doesNotContain("ASSAY_API_KEY");
      assertThat(out).containsPattern("(Network is unreachable|Connection refused|OSError)");
      assertThat(out).contains("Read-only file system");
      assertThat(accepted(server)).isFalse();
    }
  }

  @Test
  void runnerJvmsRunUnderTheSameHardeningAsEveryBackend(@TempDir Path dir) throws Exception {
    JavaSettings settings = JavaSettings.from(JavaTesting.options(1));
    Assumptions.assumeTrue(settings.isolation().kind().equals("bwrap"), "bwrap unavailable");
    RunnerLauncher launcher = new RunnerLauncher(settings, dir);
    String cmd = String.join(" ", launcher.command(64, null, dir));
    assertThat(cmd).contains("--unshare-all", "--disable-userns", "--cap-drop ALL",
        "--as-pid-1", "--die-with-parent", "--new-session", "--clearenv", "--remount-ro /");
    int uid = settings.isolation().uid();
    if (uid >= 0) {
      assertThat(cmd).contains("--reuid=" + uid);
    }
    String script = "id -u; grep CapEff /proc/self/status; touch /x 2>&1;"
        + " unshare -U true 2>&1 || echo no-new-userns";
    Process p = new ProcessBuilder(launcher.isolate(List.of("/bin/sh", "-c", script)))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("CapEff:\t0000000000000000").contains("Read-only file system")
        .contains("no-new-userns");
    if (uid >= 0) {
      assertThat(out).startsWith(uid + "\n");
    }
  }

  private static boolean accepted(ServerSocket server) throws IOException {
    try {
      server.accept().close();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }
}

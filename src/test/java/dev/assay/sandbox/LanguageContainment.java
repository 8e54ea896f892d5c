package dev.assay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The containment list of the Python sandbox, for C++, JavaScript, Go and Rust programs on one
 * backend (subclasses give it): a fork bomb, a memory hog, an infinite loop, an output flood,
 * network (loopback too), files outside the view and the daemon's environment. The hostile
 * programs are {@code src/test/resources/hostile/<behaviour>.<extension>}. After each, the
 * subclass checks nothing of the run is left and the sandbox still serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LanguageContainment {
  static final Path HOSTILE = Path.of("src/test/resources/hostile");
  static final Map<Language, String> EXT = Map.of(Language.CPP, "cpp", Language.JAVASCRIPT, "js",
      Language.GO, "go", Language.RUST, "rs");
  /** Variables a sandboxed program may see: the runner's own fixed environment. */
  static final Set<String> ALLOWED_ENV = Set.of("PATH", "HOME", "LANG", "PWD", "PYTHONDONTWRITEBYTECODE",
      "PYTHONHASHSEED");

  protected abstract Sandbox sandbox();

  /** Fails when the last run left anything behind (processes, files) in the sandbox. */
  protected abstract void assertNothingLeft() throws Exception;

  @AfterEach
  void nothingLeftAndStillServes() throws Exception {
    assertNothingLeft();
    SandboxResult r = await(sandbox().run(SandboxSpec.python("print('still serving')")));
    assertThat(r.stdout()).isEqualTo("still serving\n");
  }

  protected static SandboxSpec spec(Language l, String behaviour, long timeoutMs, int memoryMb, int cap)
      throws Exception {
    String src = Files.readString(HOSTILE.resolve(behaviour + "." + EXT.get(l)));
    return new SandboxSpec(l, src, Map.of(), "", timeoutMs, memoryMb, cap);
  }

  protected SandboxResult run(SandboxSpec s) throws Exception {
    SandboxResult r = await(sandbox().run(s));
    assertThat(r.compile()).as("compiled: %s", r.detail()).isNotNull();
    assertThat(r.compile().ok()).as("compile: %s", r.compile().output()).isTrue();
    return r;
  }

  @ParameterizedTest
  @EnumSource(names = {"CPP", "JAVASCRIPT", "GO", "RUST"})
  void forkBombIsContainedAndClassified(Language l) throws Exception {
    SandboxResult r = run(spec(l, "fork", 1_500, 128, 4096));
    // contained, whichever limit stops it first; a runtime that reports each refused fork (Go's
    // panic dumps every goroutine) can fill its output cap first
    assertThat(r.status()).as(r.detail()).isIn(SandboxStatus.TIMEOUT, SandboxStatus.RUNTIME_ERROR,
        SandboxStatus.MEMORY, SandboxStatus.OUTPUT_LIMIT);
  }

  @ParameterizedTest
  @EnumSource(names = {"CPP", "JAVASCRIPT", "GO", "RUST"})
  void memoryHogIsClassifiedAsMemory(Language l) throws Exception {
    SandboxResult r = run(spec(l, "memory", 5_000, 128, 65_536));
    assertThat(r.status()).as("%s %s", r.detail(), r.stderr()).isEqualTo(SandboxStatus.MEMORY);
  }

  @ParameterizedTest
  @EnumSource(names = {"CPP", "JAVASCRIPT", "GO", "RUST"})
  void infiniteLoopIsATimeout(Language l) throws Exception {
    SandboxResult r = run(spec(l, "loop", 1_000, 128, 4096));
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.TIMEOUT);
  }

  @ParameterizedTest
  @EnumSource(names = {"CPP", "JAVASCRIPT", "GO", "RUST"})
  void outputFloodIsCutAtTheCap(Language l) throws Exception {
    SandboxResult r = run(spec(l, "flood", 5_000, 128, 4096));
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.OUTPUT_LIMIT);
    assertThat(r.truncated()).isTrue();
    assertThat(r.stdout()).hasSize(4096);
  }

  @ParameterizedTest
  @EnumSource(names = {"CPP", "JAVASCRIPT", "GO", "RUST"})
  void networkIsUnreachableEvenOnLoopback(Language l) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      SandboxSpec s = spec(l, "network", 5_000, 128, 4096);
      SandboxResult r = run(new SandboxSpec(l, s.source().replace("%PORT%", String.valueOf(server.getLocalPort())),
          Map.of(), "", 5_000, 128, 4096));
      assertThat(r.status()).as("%s %s", r.detail(), r.stderr()).isEqualTo(SandboxStatus.OK);
      assertThat(r.stdout()).doesNotContain("connected").contains("blocked 127.0.0.1");
      server.setSoTimeout(200);
      org.assertj.core.api.Assertions.assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"CPP", "JAVASCRIPT", "GO", "RUST"})
  void filesOutsideTheViewCannotBeReadOrWritten(Language l, @TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
    SandboxSpec s = spec(l, "files", 5_000, 128, 4096);
    SandboxResult r = run(new SandboxSpec(l, s.source().replace("%SECRET%", secret.toString()), Map.of(), "",
        5_000, 128, 4096));
    assertThat(r.status()).as("%s %s", r.detail(), r.stderr()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).contains("no " + secret).doesNotContain("READ").doesNotContain("WROTE")
        .doesNotContain("TOP-SECRET");
    assertThat(Files.exists(Path.of("/usr/evil"))).isFalse();
    assertThat(Files.exists(Path.of("/evil"))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(names = {"CPP", "JAVASCRIPT", "GO", "RUST"})
  void daemonEnvironmentIsAbsent(Language l) throws Exception {
    SandboxResult r = run(spec(l, "environment", 5_000, 128, 65_536));
    assertThat(r.status()).as("%s %s", r.detail(), r.stderr()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).contains("/proc/1/environ: unreadable");
    for (String line : r.stdout().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("/proc")) {
        assertThat(ALLOWED_ENV).as("variable in %s", line).contains(line.substring(0, eq));
      }
    }
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      if (!ALLOWED_ENV.contains(e.getKey()) && e.getValue().length() >= 6) {
        assertThat(r.stdout()).as("daemon variable %s leaked", e.getKey()).doesNotContain(e.getValue());
      }
    }
  }

  protected static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }
}

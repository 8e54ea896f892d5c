package dev.assay.verify.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.Bus;
import dev.assay.config.AssayConfig;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxVerticle;
import dev.assay.sandbox.Sandboxes;
import dev.assay.verify.Verification;
import dev.assay.verify.VerifyVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tool calls through {@link Verification#tool} as the loop makes them: the client over the event bus,
 * {@link VerifyVerticle}, and the real process sandbox (warm runners in bwrap or unshare, cgroups).
 * Every hostile cell is followed by an ordinary call that must still work.
 */
class ToolCallsInTheSandboxTest {
  static Vertx vertx;
  static Verification tools;
  static String skip;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    SandboxOptions options = SandboxOptions.defaults();
    Sandbox sandbox;
    try {
      sandbox = await(vertx.executeBlocking(() -> Sandboxes.create(vertx, options)));
    } catch (Exception e) {
      skip = "process sandbox unavailable here: " + e.getMessage();
      System.out.println("SKIP ToolCallsInTheSandboxTest: " + skip);
      return;
    }
    System.out.println("tool calls run in " + sandbox.describe());
    await(vertx.deployVerticle(new SandboxVerticle(sandbox)));
    await(vertx.deployVerticle(new VerifyVerticle(new AssayConfig.Verify(6, 5_000, "auto"), options)));
    tools = Verification.client(vertx, 300_000);
  }

  @AfterAll
  static void tearDown() throws Exception {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }

  static ToolResult call(List<String> history, String code, long timeoutMs, int memoryMb, int outputBytes)
      throws Exception {
    Assumptions.assumeTrue(skip == null, skip);
    return await(tools.tool(new ToolRun(history, code, timeoutMs, memoryMb, outputBytes)));
  }

  static ToolResult call(List<String> history, String code) throws Exception {
    return call(history, code, 5_000, 256, 4_096);
  }

  /** An ordinary call after a hostile one: the sandbox and the verifier are still fine. */
  static void stillWorks() throws Exception {
    ToolResult r = call(List.of("a = 20"), "print(a + 22)");
    assertThat(r.status()).isEqualTo(ToolResult.OK);
    assertThat(r.output()).isEqualTo("42\n");
  }

  @Test
  void theStateOfEarlierCellsIsVisibleAndOnlyTheNewCellsOutputIsShown() throws Exception {
    List<String> history = List.of("x = 41\nprint('replayed output')", "import math\ndef f(n):\n    return n + x",
        "raise ValueError('an earlier failure')", "import sys\nsys.stderr.write('old noise')\nsys.exit(3)");
    ToolResult r = call(history, "print(f(1))\nprint(math.gcd(12, 18))\nf(2)");
    assertThat(r.status()).isEqualTo(ToolResult.OK);
    assertThat(r.output()).as("stdout, then the last expression's value as Jupyter shows it").isEqualTo("42\n6\n43\n");
    assertThat(r.cpuMs()).isGreaterThanOrEqualTo(0);
    assertThat(r.wallMs()).isPositive();
  }

  @Test
  void nothingSurvivesACall() throws Exception {
    ToolResult first = call(List.of(), "import os, subprocess\nsurvivor = 1\n"
        + "open('/tmp/left-behind', 'w').write('x')\nopen('here.txt', 'w').write('x')\n"
        + "subprocess.Popen(['/bin/sleep', '60'])\nprint('planted')");
    assertThat(first.output()).isEqualTo("planted\n");
    ToolResult second = call(List.of(), "import os, glob\n"
        + "print('survivor' in globals(), os.path.exists('/tmp/left-behind'), os.path.exists('here.txt'))\n"
        + "print(sorted(p for p in os.listdir('/proc') if p.isdigit() and open('/proc/%s/cmdline' % p).read()"
        + ".startswith('/bin/sleep')))");
    assertThat(second.status()).isEqualTo(ToolResult.OK);
    assertThat(second.output()).isEqualTo("False False False\n[]\n");
  }

  @Test
  void anExceptionShowsTheEndOfItsTracebackAsAnError() throws Exception {
    ToolResult r = call(List.of("def g(n):\n    return 1 / n"), "print('before')\ng(0)");
    assertThat(r.status()).isEqualTo(ToolResult.ERROR);
    assertThat(r.output()).startsWith("before\nTraceback (most recent call last):\n")
        .contains("File \"<cell 2>\", line 2", "File \"<cell 1>\", line 2, in g", "return 1 / n")
        .endsWith("ZeroDivisionError: division by zero\n").doesNotContain("main.py");
    ToolResult syntax = call(List.of(), "x = (1,\nprint(x)");
    assertThat(syntax.status()).isEqualTo(ToolResult.ERROR);
    assertThat(syntax.output()).contains("SyntaxError");
    ToolResult deep = call(List.of(), "def r(n):\n    return r(n + 1)\nr(0)");
    assertThat(deep.status()).isEqualTo(ToolResult.ERROR);
    assertThat(deep.output().lines().count()).as(deep.output()).isLessThanOrEqualTo(20);
    assertThat(deep.output()).endsWith("RecursionError: maximum recursion depth exceeded\n");
    ToolResult exits = call(List.of(), "import os\nos._exit(7)");
    assertThat(exits.status()).isEqualTo(ToolResult.ERROR);
    assertThat(exits.output()).isEqualTo("Error: the code ended with exit code 7\n");
    stillWorks();
  }

  @Test
  void aForkBombIsContainedAndTheNextCallWorks() throws Exception {
    ToolResult raising = call(List.of(), "import os\nwhile True:\n    os.fork()", 2_000, 256, 4_096);
    assertThat(raising.status()).isIn(ToolResult.ERROR, ToolResult.TIMEOUT, ToolResult.MEMORY);
    ToolResult stubborn = call(List.of(), "import os\nwhile True:\n    try:\n        os.fork()\n"
        + "    except OSError:\n        pass", 2_000, 256, 4_096);
    assertThat(stubborn.status()).isIn(ToolResult.TIMEOUT, ToolResult.MEMORY, ToolResult.ERROR);
    assertThat(stubborn.output()).hasLineCount(1).startsWith("Error: ");
    stillWorks();
  }

  @Test
  void aForkBombShowsOnlyItsOwnTracebackTheSameEveryTime() throws Exception {
    // as the simulator writes a fork-bombing candidate and calls it (the round's limits): every
    // forked copy fails too, and how many of their tracebacks arrived before the stop was timing
    String bomb = "def chunk(items, size):\n    import os\n    while True:\n        os.fork()\n\n"
        + "print(chunk([1, 2, 3], 2))\n";
    ToolResult first = call(List.of(), bomb, 1_000, 256, 2_000);
    assertThat(first.status()).as(first.output()).isEqualTo(ToolResult.ERROR);
    assertThat(first.output()).endsWith("BlockingIOError: [Errno 11] Resource temporarily unavailable\n");
    assertThat(first.output().split("Traceback", -1)).as(first.output()).hasSize(2);
    for (int i = 0; i < 3; i++) {
      ToolResult again = call(List.of(), bomb, 1_000, 256, 2_000);
      assertThat(again.status()).isEqualTo(first.status());
      assertThat(again.output()).isEqualTo(first.output());
    }
    ToolResult forks = call(List.of(), "import os, subprocess, sys\nprint('before', flush=True)\npid = os.fork()\n"
        + "if pid == 0:\n    print('child')\n    os._exit(0)\nos.waitpid(pid, 0)\n"
        + "subprocess.run([sys.executable, '-c', 'print(\"run\")'])\nprint('after')");
    assertThat(forks.output()).as("a forked process prints nowhere, a program run prints as usual")
        .isEqualTo("before\nrun\nafter\n");
    stillWorks();
  }

  @Test
  void aFloodIsStoppedAndCutWithTheMarker() throws Exception {
    ToolResult flood = call(List.of(), "while True:\n    print('x' * 10000)", 5_000, 256, 1_000);
    assertThat(flood.status()).isEqualTo(ToolResult.OUTPUT_LIMIT);
    // the same text however much the flood printed before it was stopped (a trajectory must not vary with timing)
    assertThat(flood.output()).isEqualTo("x".repeat(1_000)
        + "\n[... output truncated: the code printed past the limit and was stopped]");
    ToolResult big = call(List.of(), "print('y' * 10000)\nprint('é' * 3)", 5_000, 256, 1_000);
    assertThat(big.status()).as("printed everything and ended: not stopped").isEqualTo(ToolResult.OK);
    assertThat(big.output()).isEqualTo("y".repeat(1_000) + "\n[... output truncated: 9008 more bytes]");
    ToolResult quietHistory = call(List.of("for i in range(10**5):\n    print('noise' * 100)"), "print('ok')",
        5_000, 256, 1_000);
    assertThat(quietHistory.status()).isEqualTo(ToolResult.OK);
    assertThat(quietHistory.output()).as("a replayed cell's output is never captured").isEqualTo("ok\n");
    stillWorks();
  }

  @Test
  void aLoopThatNeverEndsIsAOneLineTimeout() throws Exception {
    ToolResult spin = call(List.of(), "while True:\n    pass", 1_000, 256, 4_096);
    assertThat(spin.status()).isEqualTo(ToolResult.TIMEOUT);
    assertThat(spin.output()).isEqualTo("Error: the code ran out of time (1 s)");
    ToolResult sleeps = call(List.of(), "import time\nprint('waiting')\ntime.sleep(600)", 500, 256, 4_096);
    assertThat(sleeps.status()).isEqualTo(ToolResult.TIMEOUT);
    assertThat(sleeps.output()).isEqualTo("Error: the code ran out of time (0.5 s)");
    stillWorks();
  }

  @Test
  void runningOutOfMemoryIsAOneLineMessage() throws Exception {
    ToolResult hog = call(List.of(), "hog = []\nwhile True:\n    hog.append(bytearray(10**7))", 5_000, 64, 4_096);
    assertThat(hog.status()).isEqualTo(ToolResult.MEMORY);
    assertThat(hog.output()).isEqualTo("Error: the code ran out of memory (64 MB)");
    stillWorks();
  }

  @Test
  void theEnvironmentHoldsNoSecretAndThereIsNoNetwork() throws Exception {
    ToolResult env = call(List.of(), "import os\nprint(sorted(os.environ))\n"
        + "for p in ('/proc/1/environ', '/proc/self/environ'):\n"
        + "    try:\n        print(open(p, 'rb').read())\n    except OSError as e:\n        print('unreadable', p)");
    assertThat(env.status()).isEqualTo(ToolResult.OK);
    String firstLine = env.output().lines().findFirst().orElseThrow();
    assertThat(firstLine).isEqualTo("['HOME', 'LANG', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED']");
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      if (e.getValue().length() >= 8 && !List.of("PATH", "HOME", "LANG").contains(e.getKey())) {
        assertThat(env.output()).as("the daemon's %s", e.getKey()).doesNotContain(e.getValue());
      }
    }
    ToolResult net = call(List.of(), "import socket\nsocket.create_connection(('1.1.1.1', 53), timeout=2)");
    assertThat(net.status()).isEqualTo(ToolResult.ERROR);
    assertThat(net.output()).containsAnyOf("OSError", "Network is unreachable", "timed out");
    stillWorks();
  }

  @Test
  void callsAndResultsSurviveTheWireAsJson() throws Exception {
    ToolRun run = new ToolRun(List.of("a = 1"), "print(a)", 3_000, 128, 512);
    ToolResult result = new ToolResult(ToolResult.OUTPUT_LIMIT, "x\n[... output truncated: 5 more bytes]", 12, 30);
    assertThat(Bus.json().readValue(Bus.json().writeValueAsBytes(run), ToolRun.class)).isEqualTo(run);
    assertThat(Bus.json().readValue(Bus.json().writeValueAsBytes(result), ToolResult.class)).isEqualTo(result);
  }

  @Test
  void cuttingKeepsWholeCharactersAndCountsTheRest() {
    assertThat(ToolRunner.cut("abc", 3)).isEqualTo("abc");
    assertThat(ToolRunner.cut("abcd", 3)).isEqualTo("abc\n[... output truncated: 1 more bytes]");
    assertThat(ToolRunner.cut("aéb", 2)).isEqualTo("a\n[... output truncated: 3 more bytes]");
    assertThat(ToolRunner.seconds(5_000)).isEqualTo("5");
    assertThat(ToolRunner.seconds(2_500)).isEqualTo("2.5");
  }
}

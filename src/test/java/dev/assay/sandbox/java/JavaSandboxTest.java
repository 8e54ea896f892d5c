package dev.assay.sandbox.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Compiling and classifying: Janino, javac fallback, compile/runtime errors, stdin. */
@Tag("e2e")
class JavaSandboxTest {
  private static Vertx vertx;
  private static JavaSandbox sandbox;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sandbox = JavaSandbox.create(vertx, JavaTesting.options(1, "jbtest-basic"));
  }

  @AfterAll
  static void stop() throws Exception {
    sandbox.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static SandboxResult run(JavaSandbox sb, String source, String stdin) throws Exception {
    return sb.run(sb.spec(source, stdin)).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
  }

  @Test
  void plainProgramIsCompiledWithJaninoAndRuns() throws Exception {
    SandboxResult r = run(sandbox, """
        import java.util.*;
        public class Main {
          public static void main(String[] args) {
            Scanner in = new Scanner(System.in);
            int a = in.nextInt(), b = in.nextInt();
            System.out.println(a + b);
          }
        }
        """, "2 40\n");
    assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.OK);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("42\n");
    assertThat(r.detail()).startsWith("janino");
  }

  @Test
  void lambdaAndRecordSourceFallsBackToJavac() throws Exception {
    SandboxResult r = run(sandbox, """
        import java.util.*;
        import java.util.stream.*;
        public class Main {
          record P(int x, int y) {}
          public static void main(String[] args) {
            var ps = List.of(new P(1, 2), new P(3, 4));
            int s = ps.stream().mapToInt(p -> p.x() * p.y()).sum();
            String k = switch (s) { case 14 -> "fourteen"; default -> "other"; };
            System.out.println(s + " " + k + " " + ps.get(0));
          }
        }
        """, "");
    assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("14 fourteen P[x=1, y=2]\n");
    assertThat(r.detail()).startsWith("javac");
  }

  @Test
  void compileErrorIsReportedWithJavacMessage() throws Exception {
    SandboxResult r = run(sandbox, """
        public class Main {
          public static void main(String[] args) {
            int x = "not a number";
          }
        }
        """, "");
    assertThat(r.status()).isEqualTo(SandboxStatus.COMPILE_ERROR);
    assertThat(r.stderr()).contains("Main.java:3").contains("incompatible types");
  }

  @Test
  void uncaughtExceptionIsRuntimeErrorWithExitCodeOneAndTrace() throws Exception {
    SandboxResult r = run(sandbox, """
        public class Main {
          public static void main(String[] args) {
            System.out.println("before");
            int[] a = new int[1];
            a[2] = 1;
          }
        }
        """, "");
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEqualTo("before\n");
    assertThat(r.stderr()).startsWith("Exception in thread \"main\" "
        + "java.lang.ArrayIndexOutOfBoundsException")
        .contains("at Main.main").doesNotContain("dev.assay");
  }

  @Test
  void reusedJavacContextKeepsNothingFromEarlierCompilations() throws Exception {
    String first = """
        public class Main {
          record Pair(int a, int b) {}
          static class Helper { static String name() { return "first"; } }
          public static void main(String[] args) {
            var p = new Pair(1, 2);
            Runnable r = () -> System.out.println(Helper.name() + " " + p);
            r.run();
          }
        }
        """;
    String broken = """
        public class Main {
          public static void main(String[] args) {
            var x = Helper.name();
            Runnable r = () -> {};
          }
        }
        """;
    String second = """
        public class Main {
          record Pair(String s) {}
          public static void main(String[] args) {
            var p = new Pair("x");
            java.util.function.Supplier<String> f = () -> "second " + p;
            System.out.println(f.get());
          }
        }
        """;
    assertThat(run(sandbox, first, "").stdout()).isEqualTo("first Pair[a=1, b=2]\n");
    SandboxResult err = run(sandbox, broken, "");
    assertThat(err.status()).isEqualTo(SandboxStatus.COMPILE_ERROR);
    assertThat(err.stderr()).contains("Helper");
    SandboxResult two = run(sandbox, second, "");
    assertThat(two.stdout()).as(two.toString()).isEqualTo("second Pair[s=x]\n");
    assertThat(run(sandbox, first, "").stdout()).isEqualTo("first Pair[a=1, b=2]\n");
  }

  @Test
  void javacPathRuntimeErrorTraceShowsTheProgramsOwnClassNames() throws Exception {
    SandboxResult r = run(sandbox, """
        import java.util.*;
        public class Main {
          public static void main(String[] args) {
            List<Integer> xs = List.of(1, 2);
            xs.forEach(x -> { if (x == 2) throw new IllegalStateException("boom " + x); });
          }
        }
        """, "");
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.detail()).startsWith("javac");
    assertThat(r.stderr()).startsWith(
        "Exception in thread \"main\" java.lang.IllegalStateException: boom 2")
        .contains("at Main.lambda$main$0(Main.java:5)").doesNotContain("assay_run");
  }
}

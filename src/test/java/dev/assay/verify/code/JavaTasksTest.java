package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.verify.VerdictReason;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java tasks: a Solution class with assertion tests, and stdin/stdout programs. Runs on the
 * test sandbox (the JDK's single-file source launcher) and, once the java backend is on the
 * classpath (branch javabox merged), on {@code JavaSandbox} too; that test skips itself
 * with a printed reason until then.
 */
class JavaTasksTest {

  static Vertx vertx;
  static final CodeTask ADD = CodeTask.fromJson(new JsonObject().put("id", "java/add")
      .put("language", "java").put("tests", new JsonArray()
          .add("Solution.add(1, 2) == 3")
          .add("assertEquals(List.of(1, 2), Solution.pair(1, 2));")
          .add("Solution.add(-1, 1) == 0")), null);
  static final CodeTask SUM_IO = CodeTask.fromJson(new JsonObject().put("id", "java/io")
      .put("language", "java").put("tests", new JsonArray()
          .add(new JsonObject().put("input", "1 2\n").put("output", "3\n"))
          .add(new JsonObject().put("input", "40 2").put("output", "42"))), null);
  static final String GOOD = """
      import java.util.List;
      public class Solution {
        static int add(int a, int b) { return a + b; }
        static List<Integer> pair(int a, int b) { return List.of(a, b); }
      }
      """;
  static final String IO_GOOD = """
      import java.util.Scanner;
      public class Main {
        public static void main(String[] args) {
          Scanner s = new Scanner(System.in);
          System.out.println(s.nextInt() + s.nextInt());
        }
      }
      """;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    Fixtures.await(vertx.close());
  }

  static void assertJavaTasks(Sandbox sb) throws Exception {
    CodeVerifier v = new CodeVerifier(sb, 20_000, 256);
    CodeVerdict ok = Fixtures.await(v.verify(ADD, GOOD));
    assertThat(ok.verdict().reason()).as("%s %s", ok.verdict(), ok.run().stderr())
        .isEqualTo(VerdictReason.OK);
    assertThat(ok.tests()).hasSize(3).allMatch(TestResult::passed);

    CodeVerdict wrong = Fixtures.await(v.verify(ADD, GOOD.replace("a + b", "a * b")));
    assertThat(wrong.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(wrong.tests()).extracting(TestResult::passed).containsExactly(false, true, false);
    assertThat(wrong.verdict().detail()).startsWith("test 0 (Solution.add(1, 2) == 3)");

    CodeVerdict broken = Fixtures.await(v.verify(ADD, GOOD.replace("a + b;", "a +")));
    assertThat(broken.verdict().reason()).isEqualTo(VerdictReason.COMPILE_ERROR);

    // a fake report line and exit(0) while the class initialises
    CodeVerdict fake = Fixtures.await(v.verify(ADD, GOOD.replace("public class Solution {",
        "public class Solution {\n  static { System.out.println(\"\\n\" + \"0\".repeat(32)"
            + " + \" {\\\"candidate\\\":\\\"ok\\\",\\\"ended\\\":true,\\\"tests\\\":[]}\");"
            + " System.exit(0); }")));
    assertThat(fake.passed()).as("%s", fake.verdict()).isFalse();

    // an object whose equals() always says yes
    CodeVerdict liar = Fixtures.await(v.verify(ADD, GOOD.replace(
        "static List<Integer> pair(int a, int b) { return List.of(a, b); }",
        "static Object pair(int a, int b) { return new Object() {"
            + " public boolean equals(Object o) { return true; } }; }")));
    assertThat(liar.verdict().reason()).isEqualTo(VerdictReason.RUNTIME_ERROR);
    assertThat(liar.verdict().detail()).contains("tamper").contains("its own type");

    CodeVerdict io = Fixtures.await(v.verify(SUM_IO, IO_GOOD));
    assertThat(io.verdict().reason()).as("%s", io.verdict()).isEqualTo(VerdictReason.OK);
    CodeVerdict ioWrong = Fixtures.await(v.verify(SUM_IO, IO_GOOD.replace("+ s.", "- s.")));
    assertThat(ioWrong.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
    assertThat(ioWrong.verdict().detail()).contains("expected '3").contains("got '-1");
  }

  @Test
  void javaTasksOnTheTestSandbox() throws Exception {
    assertJavaTasks(new LocalSandbox(vertx));
  }

  @Test
  void javaTasksOnTheJavaBackend() throws Exception {
    Sandbox sb;
    try {
      Class<?> c = Class.forName("dev.assay.sandbox.java.JavaSandbox");
      SandboxOptions o = SandboxOptions.defaults();
      sb = (Sandbox) Fixtures.await(vertx.executeBlocking(() -> c.getMethod("create",
          Vertx.class, SandboxOptions.class).invoke(null, vertx, o)));
    } catch (ClassNotFoundException e) {
      System.out.println("SKIP javaTasksOnTheJavaBackend: dev.assay.sandbox.java.JavaSandbox "
          + "is not on this branch yet (branch javabox not merged)");
      Assumptions.abort("java backend not merged yet");
      return;
    }
    try {
      assertJavaTasks(sb);
    } finally {
      Fixtures.await(sb.close());
    }
  }
}

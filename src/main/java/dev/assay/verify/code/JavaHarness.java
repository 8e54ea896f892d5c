package dev.assay.verify.code;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the Java harness for a {@code java} task with assertion tests: one compilation unit
 * holding the candidate's imports, a harness class {@code Main} (first, so it is the entry
 * point) and the candidate's code (a {@code Solution} class). Each test is a Java statement
 * (ending in {@code ;} or {@code }}) or a boolean expression. The harness reads the nonce from
 * stdin into a local of {@code main} before the candidate's classes initialise, runs every test
 * in try/catch, and prints one report line in the Python harness's format. Code in the candidate
 * cannot reach a local variable of another frame, and the java backend denies it
 * {@code System.exit} and {@code System.setOut}.
 */
final class JavaHarness {

  private static final Pattern IMPORT =
      Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*$");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+[\\w.]+\\s*;");

  private JavaHarness() {}

  static SandboxSpec spec(CodeTask task, String candidate, String nonce, long timeoutMs,
      int memoryMb) {
    return new SandboxSpec(Language.JAVA, source(task.testStrings(), candidate), Map.of(),
        nonce + "\n", timeoutMs, memoryMb, SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES);
  }

  /** A spec running the candidate program itself on one I/O case's input. */
  static SandboxSpec ioSpec(String candidate, String input, long timeoutMs, int memoryMb) {
    return new SandboxSpec(Language.JAVA, candidate, Map.of(), input, timeoutMs, memoryMb,
        SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES);
  }

  static String source(List<String> tests, String candidate) {
    String body = PACKAGE.matcher(candidate).replaceAll("");
    List<String> imports = new ArrayList<>();
    Matcher m = IMPORT.matcher(body);
    while (m.find()) {
      imports.add(m.group().strip());
    }
    body = IMPORT.matcher(body).replaceAll("");
    StringBuilder sb = new StringBuilder();
    sb.append("import java.util.*;\n");
    imports.forEach(i -> sb.append(i).append('\n'));
    sb.append("""
        final class Main {
          public static void main(String[] args) throws Exception {
            String nonce = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in)).readLine();
            java.io.PrintStream out = System.out;
            String[] names = {%s};
            StringBuilder tests = new StringBuilder();
            for (int k = 0; k < names.length; k++) {
              String status = "pass";
              String msg = "";
              try {
                run(k);
              } catch (Throwable t) {
                status = t instanceof AssayTamper ? "tamper" : "fail";
                msg = String.valueOf(t);
              }
              tests.append(k == 0 ? "" : ",").append("{\\"name\\":").append(q(names[k]))
                  .append(",\\"status\\":\\"").append(status).append("\\",\\"message\\":")
                  .append(q(msg.length() > 600 ? msg.substring(0, 600) : msg)).append('}');
            }
            out.print("\\n" + nonce + " {\\"v\\":1,\\"candidate\\":\\"ok\\",\\"message\\":\\"\\","
                + "\\"ended\\":true,\\"timeout\\":false,\\"exit\\":\\"exit 0\\",\\"tests\\":["
                + tests + "]}\\n");
            out.flush();
          }

          static final class AssayTamper extends RuntimeException {
            AssayTamper(String m) { super(m); }
          }

          static void check(boolean ok, String what) {
            if (!ok) throw new AssertionError(what);
          }

          static void assertTrue(boolean ok) {
            if (!ok) throw new AssertionError("expected true");
          }

          static void assertEquals(Object expected, Object actual) {
            plain(actual);
            if (!java.util.Objects.deepEquals(expected, actual)) {
              throw new AssertionError("expected " + show(expected) + ", got " + show(actual));
            }
          }

          static void assertEquals(long expected, long actual) {
            if (expected != actual) throw new AssertionError("expected " + expected + ", got " + actual);
          }

          static void assertEquals(double expected, double actual, double eps) {
            if (!(Math.abs(expected - actual) <= eps)) {
              throw new AssertionError("expected " + expected + ", got " + actual);
            }
          }

          /**
           * Values the candidate returns must be JDK types: its own could lie in equals(). Its
           * classes share this harness's loader; JDK classes have the boot/platform loader.
           */
          static void plain(Object v) {
            if (v == null) return;
            ClassLoader l = v.getClass().getClassLoader();
            if (l != null && l == Main.class.getClassLoader()) {
              throw new AssayTamper("returned an object of its own type " + v.getClass().getName());
            }
            if (v instanceof Iterable<?> it) for (Object x : it) plain(x);
            if (v instanceof Map<?, ?> mp) mp.forEach((a, b) -> { plain(a); plain(b); });
            if (v instanceof Object[] arr) for (Object x : arr) plain(x);
          }

          static String show(Object v) {
            if (v instanceof Object[] a) return Arrays.deepToString(a);
            if (v instanceof int[] a) return Arrays.toString(a);
            if (v instanceof long[] a) return Arrays.toString(a);
            if (v instanceof double[] a) return Arrays.toString(a);
            if (v instanceof char[] a) return Arrays.toString(a);
            if (v instanceof boolean[] a) return Arrays.toString(a);
            return String.valueOf(v);
          }

          static String q(String s) {
            StringBuilder b = new StringBuilder("\\"");
            for (char c : s.toCharArray()) {
              if (c == '"' || c == '\\\\') b.append('\\\\').append(c);
              else if (c < 0x20) b.append(String.format("\\\\u%%04x", (int) c));
              else b.append(c);
            }
            return b.append('"').toString();
          }

          static void run(int k) throws Throwable {
            switch (k) {
        %s      default: throw new IllegalStateException("no test " + k);
            }
          }
        }
        """.formatted(names(tests), cases(tests)));
    sb.append(body);
    return sb.toString();
  }

  private static String names(List<String> tests) {
    StringBuilder sb = new StringBuilder();
    for (String t : tests) {
      String n = t.strip().replaceAll("\\s+", " ");
      sb.append(sb.isEmpty() ? "" : ", ").append(javaString(n.length() > 200
          ? n.substring(0, 200) : n));
    }
    return sb.toString();
  }

  private static String cases(List<String> tests) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < tests.size(); k++) {
      String t = tests.get(k).strip();
      String stmt = t.endsWith(";") || t.endsWith("}") ? t
          : "check(" + t + ", " + javaString(t) + ");";
      sb.append("      case ").append(k).append(": {\n").append(stmt).append("\n      }\n")
          .append("      return;\n");
    }
    return sb.toString();
  }

  static String javaString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return b.append('"').toString();
  }
}

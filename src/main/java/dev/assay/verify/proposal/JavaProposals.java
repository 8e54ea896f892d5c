package dev.assay.verify.proposal;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java proposals for {@link TaskValidator}: a class with a static method {@code entryPoint},
 * inputs written as Java literal argument lists ({@code new int[]{3, 1, 2}, 2},
 * {@code List.of("a"), 'x'}). Static checks reject banned APIs and non-literal inputs; the
 * harness calls the method twice per input and reports outputs as canonical JSON.
 */
final class JavaProposals {

  /** APIs whose use makes a program impure: randomness, time, I/O, network, threads, env. */
  static final List<String> BANNED_TOKENS = List.of("Random", "random", "SecureRandom",
      "ThreadLocalRandom", "UUID", "currentTimeMillis", "nanoTime", "Instant", "LocalDate",
      "LocalDateTime", "Clock", "Thread", "Runtime", "ProcessBuilder", "getenv", "getProperty",
      "identityHashCode", "Scanner", "File", "Files", "Paths", "Socket", "URL", "HttpClient",
      "Executors", "CompletableFuture", "forName", "getDeclaredMethod", "setAccessible",
      "exit", "halt", "System.in", "System.out", "System.err");
  static final List<String> BANNED_PACKAGES = List.of("java.io", "java.nio", "java.net",
      "java.time", "java.lang.reflect", "java.util.concurrent", "java.security", "javax",
      "sun", "jdk");
  private static final Set<String> INPUT_WORDS = Set.of("new", "int", "long", "double",
      "boolean", "char", "byte", "short", "float", "String", "Integer", "Long", "Double",
      "Boolean", "Character", "List", "Set", "Map", "of", "entry", "Arrays", "asList", "true",
      "false", "null", "L", "D", "F");
  private static final Pattern STRINGS = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'");
  private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*(?s:.*?)\\*/");
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?([\\w.]+)");
  private static final Pattern IMPORT_LINE =
      Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;[ \\t]*$");
  private static final Pattern CLASS = Pattern.compile("\\b(?:class|record)\\s+([A-Za-z_]\\w*)");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][\\w.]*");

  private JavaProposals() {}

  /** The first reason to reject without running, or null. */
  static TaskValidation staticCheck(ProposedProgram p) {
    String code = STRINGS.matcher(COMMENTS.matcher(p.code()).replaceAll(" ")).replaceAll("\"\"");
    Matcher im = IMPORT.matcher(code);
    while (im.find()) {
      for (String pkg : BANNED_PACKAGES) {
        if (im.group(2).equals(pkg) || im.group(2).startsWith(pkg + ".")) {
          return TaskValidation.rejected(Rejection.BANNED_IMPORT, pkg + " " + im.group().strip());
        }
      }
    }
    for (String t : BANNED_TOKENS) {
      if (Pattern.compile("(?<![\\w])" + Pattern.quote(t) + "(?![\\w])").matcher(code).find()) {
        return TaskValidation.rejected(Rejection.BANNED_EFFECT, t);
      }
    }
    if (className(p) == null) {
      return TaskValidation.rejected(Rejection.NO_ENTRY_POINT, "no class declared");
    }
    for (int i = 0; i < p.inputs().size(); i++) {
      String bad = nonLiteral(p.inputs().get(i));
      if (bad != null) {
        return TaskValidation.rejected(Rejection.BAD_INPUT, "input " + i + " is not a literal "
            + "argument list (" + bad + ")");
      }
    }
    return null;
  }

  static String className(ProposedProgram p) {
    Matcher m = CLASS.matcher(COMMENTS.matcher(p.code()).replaceAll(" "));
    return m.find() ? m.group(1) : null;
  }

  private static String nonLiteral(String input) {
    String s = STRINGS.matcher(input).replaceAll("\"\"");
    if (s.contains(";") || s.contains("->") || s.contains("::") || s.contains("=")) {
      return "statement or lambda";
    }
    Matcher w = WORD.matcher(s);
    while (w.find()) {
      for (String part : w.group().split("\\.")) {
        if (!part.isEmpty() && !INPUT_WORDS.contains(part) && !part.matches("\\d.*")) {
          return part;
        }
      }
    }
    return null;
  }

  static SandboxSpec spec(ProposedProgram p, String nonce, long timeoutMs, int memoryMb) {
    String cls = className(p);
    StringBuilder calls = new StringBuilder();
    for (int i = 0; i < p.inputs().size(); i++) {
      calls.append("      case ").append(i).append(": return ").append(cls).append('.')
          .append(p.entryPoint()).append('(').append(p.inputs().get(i)).append(");\n");
    }
    Matcher im = IMPORT_LINE.matcher(p.code());
    StringBuilder ib = new StringBuilder();
    while (im.find()) {
      ib.append(im.group().strip()).append('\n');
    }
    String imports = ib.toString();
    String body = IMPORT_LINE.matcher(p.code()).replaceAll("");
    String src = "import java.util.*;\n" + imports + TEMPLATE
        .replace("@@N@@", String.valueOf(p.inputs().size()))
        .replace("@@CALLS@@", calls.toString()) + body;
    return new SandboxSpec(Language.JAVA, src, Map.of(), nonce + "\n", timeoutMs, memoryMb,
        SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES);
  }

  private static final String TEMPLATE = """
      final class Main {
        public static void main(String[] args) throws Exception {
          String nonce = new java.io.BufferedReader(
              new java.io.InputStreamReader(System.in)).readLine();
          java.io.PrintStream out = System.out;
          StringBuilder outs = new StringBuilder();
          String reason = "ok";
          String detail = "";
          outer:
          for (int i = 0; i < @@N@@; i++) {
            String first = null;
            for (int rep = 0; rep < 2; rep++) {
              String j;
              try {
                j = json(call(i), 0);
              } catch (IllegalArgumentException e) {
                reason = "not_json_serialisable";
                detail = "input " + i + ": " + e.getMessage();
                break outer;
              } catch (StackOverflowError | OutOfMemoryError e) {
                reason = "runtime_error";
                detail = "input " + i + ": " + e;
                break outer;
              } catch (Throwable t) {
                reason = "runtime_error";
                detail = "input " + i + ": " + t;
                break outer;
              }
              if (first == null) {
                first = j;
              } else if (!first.equals(j)) {
                reason = "nondeterministic";
                detail = "input " + i + ": " + first + " then " + j;
                break outer;
              }
            }
            outs.append(i == 0 ? "" : ",").append(q(first));
          }
          boolean ok = reason.equals("ok");
          out.print("\\n" + nonce + " {\\"ok\\":" + ok + ",\\"reason\\":" + q(reason)
              + ",\\"detail\\":" + q(detail) + ",\\"outputs\\":[" + (ok ? outs : "")
              + "],\\"reprs\\":[" + (ok ? outs : "") + "]}\\n");
          out.flush();
        }

        static Object call(int i) throws Throwable {
          switch (i) {
      @@CALLS@@      default: throw new IllegalStateException();
          }
        }

        static String json(Object v, int depth) {
          if (depth > 100) throw new IllegalArgumentException("nesting deeper than 100");
          if (v == null) return "null";
          if (v instanceof Boolean || v instanceof Integer || v instanceof Long
              || v instanceof Short || v instanceof Byte) return v.toString();
          if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
              throw new IllegalArgumentException("non-finite number");
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d)
                : String.valueOf(d);
          }
          if (v instanceof String || v instanceof Character) return q(v.toString());
          if (v.getClass().isArray()) {
            List<String> xs = new ArrayList<>();
            for (int k = 0; k < java.lang.reflect.Array.getLength(v); k++) {
              xs.add(json(java.lang.reflect.Array.get(v, k), depth + 1));
            }
            return "[" + String.join(",", xs) + "]";
          }
          if (v instanceof Collection<?> c) {
            List<String> xs = new ArrayList<>();
            for (Object x : c) xs.add(json(x, depth + 1));
            if (v instanceof Set<?>) Collections.sort(xs);
            return "[" + String.join(",", xs) + "]";
          }
          if (v instanceof Map<?, ?> m) {
            TreeMap<String, String> kv = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
              kv.put(e.getKey() instanceof String s ? s : json(e.getKey(), depth + 1),
                  json(e.getValue(), depth + 1));
            }
            List<String> xs = new ArrayList<>();
            kv.forEach((k, x) -> xs.add(q(k) + ":" + x));
            return "{" + String.join(",", xs) + "}";
          }
          throw new IllegalArgumentException("value of type " + v.getClass().getName());
        }

        static String q(String s) {
          StringBuilder b = new StringBuilder("\\"");
          for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\\\') b.append('\\\\').append(c);
            else if (c < 0x20) b.append(String.format("\\\\u%04x", (int) c));
            else b.append(c);
          }
          return b.append('"').toString();
        }
      }
      """;
}

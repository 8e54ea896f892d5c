package dev.assay.bench;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.Sandboxes;
import dev.assay.sandbox.TestReport;
import dev.assay.verify.code.CodeTask;
import dev.assay.verify.code.CodeVerdict;
import dev.assay.verify.code.CodeVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code assay bench sandbox --lang L}: one candidate with {@code tests} stdin/stdout tests (sum of
 * n integers), verified {@code repeats} times through the configured sandbox, where it is compiled
 * once per request and the binary serves every test; for C++ side by side with the naive way,
 * {@code g++} and then the binary run fresh in bubblewrap for every test. Reports
 * {"lang","tests","repeats","assay":{compile_ms, per_test_ms, total_ms} (medians over the repeats),
 * "fresh":{compile_ms, run_ms, per_test_ms, total_ms} (medians over the tests), "speedup"}.
 * Blocking: call from the CLI thread.
 */
public final class LangBench {
  static final Map<Language, String> SUM = Map.of(
      Language.CPP, "#include <iostream>\nint main() {\n  long long n, x, s = 0;\n  std::cin >> n;\n"
          + "  for (long long i = 0; i < n; i++) {\n    std::cin >> x;\n    s += x;\n  }\n  std::cout << s << \"\\n\";\n}\n",
      Language.GO, "package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tr := bufio.NewReader(os.Stdin)\n"
          + "\tvar n int\n\tfmt.Fscan(r, &n)\n\tvar s int64\n\tfor i := 0; i < n; i++ {\n\t\tvar x int64\n\t\tfmt.Fscan(r, &x)\n"
          + "\t\ts += x\n\t}\n\tfmt.Println(s)\n}\n",
      Language.RUST, "use std::io::Read;\nfn main() {\n    let mut s = String::new();\n"
          + "    std::io::stdin().read_to_string(&mut s).unwrap();\n"
          + "    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n"
          + "    println!(\"{}\", v[1..=(v[0] as usize)].iter().sum::<i64>());\n}\n",
      Language.JAVASCRIPT, "const t = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
          + "let s = 0;\nfor (let i = 1; i <= t[0]; i++) s += t[i];\nconsole.log(String(s));\n",
      Language.PYTHON, "import sys\nd = sys.stdin.read().split()\nprint(sum(map(int, d[1:1 + int(d[0])])))\n");

  private LangBench() {}

  public static JsonObject run(Vertx vertx, SandboxOptions o, Language lang, int tests, int repeats) {
    if (!SUM.containsKey(lang)) {
      throw AssayException.invalid("--lang: bench sandbox --lang takes cpp, go, rust, javascript or python");
    }
    JsonArray cases = cases(tests);
    Sandbox sb = Sandboxes.create(vertx, o);
    List<Long> compile = new ArrayList<>();
    List<Double> perTest = new ArrayList<>();
    List<Long> total = new ArrayList<>();
    int failed = 0;
    try {
      CodeVerifier verifier = new CodeVerifier(sb, new CodeVerifier.Limits(2_000, 256, false, 600_000));
      for (int r = 0; r < repeats; r++) {
        String comment = lang == Language.PYTHON ? "# run " : "// run ";
        CodeTask task = CodeTask.fromJson(new JsonObject().put("id", "bench-" + r).put("language", lang.wire())
            .put("tests", cases), "io");
        long t0 = System.nanoTime();
        CodeVerdict v = await(verifier.verify(task, comment + r + "\n" + SUM.get(lang))); // a new source each time: compiled afresh
        total.add((System.nanoTime() - t0) / 1_000_000);
        failed += v.passed() ? 0 : 1;
        SandboxResult run = v.run();
        compile.add(run.compile() == null ? 0 : run.compile().wallMs());
        TestReport rep = run.tests();
        perTest.add(rep == null ? 0 : rep.cases().stream().mapToLong(TestReport.Case::wallMs).average().orElse(0));
      }
    } finally {
      await(sb.close());
    }
    JsonObject assay = new JsonObject().put("compile_ms", median(compile)).put("per_test_ms", round1(medianD(perTest)))
        .put("total_ms", median(total)).put("failed", failed).put("isolation", o.backend());
    JsonObject out = new JsonObject().put("lang", lang.wire()).put("tests", tests).put("repeats", repeats).put("assay", assay);
    if (lang == Language.CPP) {
      JsonObject fresh = fresh(cases);
      out.put("fresh", fresh).put("speedup", round1(fresh.getLong("total_ms") / (double) Math.max(1, assay.getLong("total_ms"))));
    } else {
      out.putNull("fresh");
    }
    return out;
  }

  /** {@code n} tests: up to 1000 integers each, the sum as the expected output. */
  static JsonArray cases(int n) {
    SplittableRandom r = new SplittableRandom(15);
    JsonArray out = new JsonArray();
    for (int i = 0; i < n; i++) {
      int k = 1 + r.nextInt(1000);
      StringBuilder in = new StringBuilder().append(k).append('\n');
      long s = 0;
      for (int j = 0; j < k; j++) {
        long x = r.nextLong(-1_000_000, 1_000_000);
        s += x;
        in.append(x).append(j + 1 < k ? ' ' : '\n');
      }
      out.add(new JsonObject().put("input", in.toString()).put("output", s + "\n"));
    }
    return out;
  }

  /** Per test, in a fresh directory: g++ in bubblewrap, then the binary in bubblewrap. */
  private static JsonObject fresh(JsonArray cases) {
    long[] compile = new long[cases.size()];
    long[] run = new long[cases.size()];
    int failed = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < cases.size(); i++) {
      JsonObject c = cases.getJsonObject(i);
      Path dir = null;
      try {
        dir = Files.createTempDirectory("assay-bench-fresh");
        Files.writeString(dir.resolve("main.cpp"), SUM.get(Language.CPP));
        long a = System.nanoTime();
        Proc cc = bwrap(dir, "", "g++", "-O2", "-std=c++17", "-o", "main", "main.cpp");
        long b = System.nanoTime();
        Proc p = bwrap(dir, c.getString("input"), "./main");
        long e = System.nanoTime();
        compile[i] = (b - a) / 1_000_000;
        run[i] = (e - b) / 1_000_000;
        failed += cc.exit == 0 && p.exit == 0 && p.stdout.strip().equals(c.getString("output").strip()) ? 0 : 1;
      } catch (IOException ex) {
        throw new AssayException(ErrorKind.SANDBOX_INFRA, "bench: bubblewrap baseline failed: " + ex.getMessage(), ex);
      } finally {
        delete(dir);
      }
    }
    long totalMs = (System.nanoTime() - t0) / 1_000_000;
    long cMed = median(compile);
    long rMed = median(run);
    return new JsonObject().put("compile_ms", cMed).put("run_ms", rMed).put("per_test_ms", cMed + rMed)
        .put("total_ms", totalMs).put("failed", failed).put("isolation", "bwrap --unshare-all, fresh per test");
  }

  private record Proc(int exit, String stdout) {}

  private static Proc bwrap(Path dir, String stdin, String... cmd) throws IOException {
    List<String> args = new ArrayList<>(List.of("bwrap", "--ro-bind", "/", "/", "--tmpfs", "/tmp", "--bind",
        dir.toString(), dir.toString(), "--dev", "/dev", "--proc", "/proc", "--unshare-all", "--die-with-parent",
        "--chdir", dir.toString()));
    args.addAll(Arrays.asList(cmd));
    Process p = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Proc(-1, out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Proc(-1, out);
    }
    return new Proc(p.exitValue(), out);
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }

  private static long median(List<Long> xs) {
    return median(xs.stream().mapToLong(Long::longValue).toArray());
  }

  private static long median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s.length == 0 ? 0 : s[s.length / 2];
  }

  private static double medianD(List<Double> xs) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length == 0 ? 0 : s[s.length / 2];
  }

  private static double round1(double d) {
    return Math.round(d * 10) / 10.0;
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "bench did not finish: " + e, e);
    }
  }
}

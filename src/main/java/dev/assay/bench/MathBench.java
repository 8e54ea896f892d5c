package dev.assay.bench;

import dev.assay.AssayException;
import dev.assay.verify.math.MathCheck;
import dev.assay.verify.math.MathChecker;
import dev.assay.verify.math.MathOptions;
import dev.assay.verify.math.MathReason;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput of the checker on MATH-500: each gold answer against a realistic mix of candidates.
 * Pair {@code i} uses problem {@code k = i mod n} and, by {@code i mod 4}: the problem's own
 * reference solution (a whole worked answer ending in {@code \boxed{gold}}, expected equal); "The
 * answer is $gold$." (equal); {@code \boxed{}} around another problem's gold (expected not equal
 * unless the two golds are the same string); another problem's full solution (likewise). The other
 * problem is {@code (7i + 3) mod n}. {@code src/bench/python/sympy_bench.py} builds the same pairs.
 */
public final class MathBench {
  private static final int WARM_UP = 20_000;

  private MathBench() {}

  /** One generated pair and the expected verdict. */
  record Pair(String gold, String pred, boolean expected) {}

  /**
   * Runs {@code pairs} checks on one thread after a short warm-up and returns
   * {@code {"checks", "seconds", "per_second", "cpu_seconds", "per_cpu_second", "agreement",
   * "equal", "timeouts", "process_cpu_seconds", "per_process_cpu_second"}}; {@code per_cpu_second}
   * counts this thread's CPU time only, {@code per_process_cpu_second} the whole JVM's (JIT and GC
   * included): on a shared machine these are fairer figures than the wall-clock rate.
   */
  public static JsonObject run(Path math500, int pairs) {
    List<Pair> ps = pairs(math500, pairs);
    MathChecker checker = MathChecker.create();
    MathOptions opts = MathOptions.defaults();
    // warm-up: 20,000 checks (cycling over the pairs) so the JIT has compiled the hot paths
    for (int i = 0; i < WARM_UP; i++) {
      MathBench.Pair p = ps.get(i % ps.size());
      checker.check(p.gold(), p.pred(), opts);
    }
    int agree = 0;
    int equal = 0;
    int timeouts = 0;
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long p0 = processCpuNanos();
    long t0 = System.nanoTime();
    for (Pair p : ps) {
      MathCheck r = checker.check(p.gold(), p.pred(), opts);
      agree += r.equivalent() == p.expected() ? 1 : 0;
      equal += r.equivalent() ? 1 : 0;
      timeouts += r.reason() == MathReason.TIMEOUT ? 1 : 0;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
    double processCpu = (processCpuNanos() - p0) / 1e9;
    return new JsonObject()
        .put("checks", ps.size())
        .put("seconds", Math.round(secs * 1000) / 1000.0)
        .put("per_second", Math.round(ps.size() / secs))
        .put("cpu_seconds", Math.round(cpu * 1000) / 1000.0)
        .put("per_cpu_second", Math.round(ps.size() / Math.max(cpu, 1e-9)))
        .put("process_cpu_seconds", Math.round(processCpu * 1000) / 1000.0)
        .put("per_process_cpu_second", Math.round(ps.size() / Math.max(processCpu, 1e-9)))
        .put("agreement", Math.round(10_000.0 * agree / Math.max(1, ps.size())) / 10_000.0)
        .put("equal", equal)
        .put("timeouts", timeouts);
  }

  /** CPU time of the whole JVM (JIT and GC threads included), or 0 where not available. */
  private static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  static List<Pair> pairs(Path math500, int pairs) {
    List<String> golds = new ArrayList<>();
    List<String> solutions = new ArrayList<>();
    try {
      for (String l : Files.readAllLines(math500)) {
        if (!l.isBlank()) {
          JsonObject j = new JsonObject(l);
          golds.add(j.getString("answer"));
          solutions.add(j.getString("solution"));
        }
      }
    } catch (IOException e) {
      throw AssayException.invalid("cannot read " + math500 + ": " + e.getMessage());
    }
    if (golds.isEmpty()) {
      throw AssayException.invalid("no problems in " + math500);
    }
    int n = golds.size();
    List<Pair> out = new ArrayList<>(pairs);
    for (int i = 0; i < pairs; i++) {
      int k = i % n;
      int o = (7 * i + 3) % n;
      String gold = golds.get(k);
      boolean same = golds.get(o).replace(" ", "").equals(gold.replace(" ", ""));
      out.add(switch (i % 4) {
        case 0 -> new Pair(gold, solutions.get(k), true);
        case 1 -> new Pair(gold, "The answer is $" + gold + "$.", true);
        case 2 -> new Pair(gold, "\\boxed{" + golds.get(o) + "}", same);
        default -> new Pair(gold, solutions.get(o), same);
      });
    }
    return out;
  }
}

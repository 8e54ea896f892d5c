package dev.assay.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a round's raw counts into the yield report: what entered and left every stage and why.
 * Each stage's input equals its output plus its drops; {@link #check} proves it.
 */
public final class YieldReport {
  private YieldReport() {}

  /** The round header fields the report carries besides the counts. */
  public record Header(
      int round, String run, String model, boolean simulated, String sandbox, int samplesPerProblem,
      double wallSeconds) {}

  /**
   * Builds the report.
   *
   * @param counts the store's raw counts (per domain, plus tokens)
   */
  public static JsonObject build(Header h, JsonObject counts) {
    JsonObject byDomain = new JsonObject();
    Acc total = new Acc();
    for (String d : new String[] {"math", "code"}) {
      Acc a = Acc.of(counts.getJsonObject(d, new JsonObject()));
      byDomain.put(d, a.toJson());
      total.add(a);
    }
    JsonObject tokens = counts.getJsonObject("tokens", new JsonObject());
    long tokenTotal = tokens.getLong("propose", 0L) + tokens.getLong("solve", 0L);
    JsonObject r = new JsonObject()
        .put("round", h.round())
        .put("run", h.run())
        .put("model", h.model())
        .put("simulated", h.simulated())
        .put("sandbox", h.sandbox())
        .put("samples_per_problem", h.samplesPerProblem());
    total.toJson().forEach(e -> r.put(e.getKey(), e.getValue()));
    r.put("by_domain", byDomain)
        .put("tokens", new JsonObject()
            .put("total", tokenTotal)
            .put("propose", tokens.getLong("propose", 0L))
            .put("solve", tokens.getLong("solve", 0L))
            .put("requests", tokens.getLong("requests", 0L))
            .put("per_kept_sample", total.kept == 0 ? null : round2((double) tokenTotal / total.kept)))
        .put("sandbox_seconds", round2(counts.getLong("verify_ms", 0L) / 1000.0))
        .put("wall_seconds", round2(h.wallSeconds()));
    return r;
  }

  /** Null when the stage arithmetic holds, else what does not add up. */
  public static String check(JsonObject report) {
    for (Object o : report.getJsonArray("funnel")) {
      JsonObject s = (JsonObject) o;
      long drops = s.getJsonObject("drops").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
      if (s.getLong("in") != s.getLong("out") + drops) {
        return "stage " + s.getString("stage") + ": in " + s.getLong("in") + " != out " + s.getLong("out")
            + " + drops " + drops;
      }
    }
    return null;
  }

  static double round2(double v) {
    return Math.round(v * 10000.0) / 10000.0;
  }

  /** Accumulated counts of one domain or of all. */
  private static final class Acc {
    long seeds, proposed, valid, problems, solveFailures, attempts, verified, kept, passSum, passN;
    final Map<String, Long> proposalDrops = new TreeMap<>();
    final Map<String, Long> verdictDrops = new TreeMap<>();
    final long[] hist = new long[11];

    static Acc of(JsonObject d) {
      Acc a = new Acc();
      a.seeds = d.getLong("seeds", 0L);
      a.proposed = d.getLong("proposed", 0L);
      a.problems = d.getLong("problems", 0L);
      a.valid = a.problems - a.seeds;
      a.solveFailures = d.getLong("solve_failures", 0L);
      a.attempts = d.getLong("attempts", 0L);
      a.kept = d.getLong("kept", 0L);
      d.getJsonObject("proposal_drops", new JsonObject()).forEach(e -> a.proposalDrops.put(e.getKey(), ((Number) e.getValue()).longValue()));
      d.getJsonObject("verdicts", new JsonObject()).forEach(e -> {
        long n = ((Number) e.getValue()).longValue();
        if (e.getKey().equals("ok")) {
          a.verified = n;
        } else {
          a.verdictDrops.put(e.getKey(), n);
        }
      });
      for (Object o : d.getJsonArray("pass_rates", new JsonArray())) {
        JsonArray pr = (JsonArray) o;
        double rate = pr.getInteger(1) == 0 ? 0 : (double) pr.getInteger(0) / pr.getInteger(1);
        a.hist[(int) Math.floor(rate * 10)]++;
        a.passSum += Math.round(rate * 1_000_000);
        a.passN++;
      }
      return a;
    }

    void add(Acc o) {
      seeds += o.seeds;
      proposed += o.proposed;
      valid += o.valid;
      problems += o.problems;
      solveFailures += o.solveFailures;
      attempts += o.attempts;
      verified += o.verified;
      kept += o.kept;
      passSum += o.passSum;
      passN += o.passN;
      o.proposalDrops.forEach((k, v) -> proposalDrops.merge(k, v, Long::sum));
      o.verdictDrops.forEach((k, v) -> verdictDrops.merge(k, v, Long::sum));
      for (int i = 0; i < hist.length; i++) {
        hist[i] += o.hist[i];
      }
    }

    JsonObject toJson() {
      long unverified = attempts - verified - verdictDrops.values().stream().mapToLong(Long::longValue).sum();
      JsonObject problemDrops = new JsonObject();
      proposalDrops.forEach(problemDrops::put);
      if (solveFailures > 0) {
        problemDrops.put("model_error", solveFailures);
      }
      JsonObject attemptDrops = new JsonObject();
      verdictDrops.forEach(attemptDrops::put);
      if (unverified > 0) {
        attemptDrops.put("unverified", unverified);
      }
      if (verified - kept > 0) {
        attemptDrops.put("duplicate", verified - kept);
      }
      JsonArray funnel = new JsonArray()
          .add(stage("validate", proposed, valid, new JsonObject(new TreeMap<>(proposalDrops))))
          .add(stage("solve", problems, problems - solveFailures,
              solveFailures > 0 ? new JsonObject().put("model_error", solveFailures) : new JsonObject()))
          .add(stage("verify", attempts, verified, verifyDrops(unverified)))
          .add(stage("keep", verified, kept,
              verified - kept > 0 ? new JsonObject().put("duplicate", verified - kept) : new JsonObject()));
      JsonArray histogram = new JsonArray();
      for (int i = 0; i < hist.length; i++) {
        histogram.add(new JsonObject().put("bucket", i == 10 ? "1.0" : String.format("%.1f-%.1f", i / 10.0, (i + 1) / 10.0))
            .put("problems", hist[i]));
      }
      return new JsonObject()
          .put("stages", new JsonObject()
              .put("seeds", seeds).put("proposed", proposed).put("valid_problems", valid)
              .put("problems", problems).put("attempts", attempts).put("verified", verified).put("kept", kept))
          .put("drops", new JsonObject().put("problems", problemDrops).put("attempts", attemptDrops))
          .put("funnel", funnel)
          .put("yield", attempts == 0 ? 0.0 : round2((double) kept / attempts))
          .put("pass_at_1", passN == 0 ? 0.0 : round2(passSum / 1_000_000.0 / passN))
          .put("pass_rate_histogram", histogram);
    }

    private JsonObject verifyDrops(long unverified) {
      JsonObject j = new JsonObject(new TreeMap<>(verdictDrops));
      if (unverified > 0) {
        j.put("unverified", unverified);
      }
      return j;
    }

    private static JsonObject stage(String name, long in, long out, JsonObject drops) {
      return new JsonObject().put("stage", name).put("in", in).put("out", out).put("drops", drops);
    }
  }
}

package dev.assay.report;

import dev.assay.store.RoundCounts;
import dev.assay.store.RoundCounts.DomainCounts;
import dev.assay.store.RoundCounts.PassCount;
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
   * @param counts the store's counts of the round
   */
  public static JsonObject build(Header h, RoundCounts counts) {
    JsonObject byDomain = new JsonObject();
    Acc total = new Acc();
    for (String d : new String[] {"math", "code"}) {
      Acc a = Acc.of(counts.domains().getOrDefault(d, DomainCounts.NONE));
      byDomain.put(d, a.toJson());
      total.add(a);
    }
    long tokenTotal = counts.proposeTokens() + counts.solveTokens();
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
            .put("propose", counts.proposeTokens())
            .put("solve", counts.solveTokens())
            .put("requests", counts.requests())
            .put("per_kept_sample", total.kept == 0 ? null : round2((double) tokenTotal / total.kept)))
        .put("sandbox_seconds", round2(counts.verifyMs() / 1000.0))
        .put("sandbox_seconds_per_kept_sample", total.kept == 0 ? null : round2(counts.verifyMs() / 1000.0 / total.kept))
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
    long seeds, validSeeds, proposed, valid, problems, solveFailures, attempts, verified, kept;
    long rationalizations, rationalizedKept, scored, agreementPermilleSum;
    final Map<String, Long> seedDrops = new TreeMap<>();
    final Map<String, Long> proposalDrops = new TreeMap<>();
    final Map<String, Long> verdictDrops = new TreeMap<>();
    final Map<String, Long> keepDrops = new TreeMap<>();
    final java.util.List<PassCount> passCounts = new java.util.ArrayList<>();
    dev.assay.store.RoundCounts.AgentCounts agent = dev.assay.store.RoundCounts.AgentCounts.NONE;

    static Acc of(DomainCounts d) {
      Acc a = new Acc();
      a.seeds = d.seeds();
      a.validSeeds = d.validSeeds();
      a.proposed = d.proposed();
      a.problems = d.problems();
      a.valid = a.problems - a.validSeeds;
      a.solveFailures = d.solveFailures();
      a.attempts = d.attempts();
      a.kept = d.kept();
      a.rationalizations = d.rationalizations();
      a.rationalizedKept = d.rationalizedKept();
      a.scored = d.scored();
      a.agreementPermilleSum = Math.round(d.meanAgreement() * 1000) * a.scored;
      a.seedDrops.putAll(d.seedDrops());
      a.proposalDrops.putAll(d.proposalDrops());
      a.keepDrops.putAll(d.keepDrops());
      d.verdicts().forEach((reason, n) -> {
        if (reason.equals("ok")) {
          a.verified = n;
        } else {
          a.verdictDrops.put(reason, n);
        }
      });
      a.passCounts.addAll(d.passCounts());
      a.agent = d.agent();
      return a;
    }

    void add(Acc o) {
      seeds += o.seeds;
      validSeeds += o.validSeeds;
      proposed += o.proposed;
      valid += o.valid;
      problems += o.problems;
      solveFailures += o.solveFailures;
      attempts += o.attempts;
      verified += o.verified;
      kept += o.kept;
      rationalizations += o.rationalizations;
      rationalizedKept += o.rationalizedKept;
      scored += o.scored;
      agreementPermilleSum += o.agreementPermilleSum;
      o.seedDrops.forEach((k, v) -> seedDrops.merge(k, v, Long::sum));
      o.proposalDrops.forEach((k, v) -> proposalDrops.merge(k, v, Long::sum));
      o.verdictDrops.forEach((k, v) -> verdictDrops.merge(k, v, Long::sum));
      o.keepDrops.forEach((k, v) -> keepDrops.merge(k, v, Long::sum));
      passCounts.addAll(o.passCounts);
      agent = AgentReport.sum(agent, o.agent);
    }

    JsonObject toJson() {
      long unverified = attempts - verified - sum(verdictDrops);
      Map<String, Long> verifyDrops = new TreeMap<>(verdictDrops);
      if (unverified > 0) {
        verifyDrops.put("unverified", unverified);
      }
      Map<String, Long> solveDrops = new TreeMap<>();
      if (solveFailures > 0) {
        solveDrops.put("model_error", solveFailures);
      }
      JsonObject problemDrops = new JsonObject();
      Map<String, Long> pd = new TreeMap<>(seedDrops);
      proposalDrops.forEach((k, v) -> pd.merge(k, v, Long::sum));
      solveDrops.forEach((k, v) -> pd.merge(k, v, Long::sum));
      pd.forEach(problemDrops::put);
      JsonObject attemptDrops = new JsonObject();
      Map<String, Long> ad = new TreeMap<>(verifyDrops);
      keepDrops.forEach((k, v) -> ad.merge(k, v, Long::sum));
      ad.forEach(attemptDrops::put);
      JsonArray funnel = new JsonArray()
          .add(stage("seed_check", seeds, validSeeds, seedDrops))
          .add(stage("validate", proposed, valid, proposalDrops))
          .add(stage("solve", problems, problems - solveFailures, solveDrops))
          .add(stage("verify", attempts, verified, verifyDrops))
          .add(stage("keep", verified, kept, keepDrops));
      long[] hist = new long[11];
      long passN = 0;
      double pass1 = 0;
      java.util.SortedSet<Integer> ks = new java.util.TreeSet<>();
      for (PassCount pc : passCounts) {
        if (pc.total() == 0) {
          continue;
        }
        double rate = (double) pc.passed() / pc.total();
        hist[(int) Math.floor(rate * 10)] += pc.problems();
        pass1 += rate * pc.problems();
        passN += pc.problems();
        for (int k = 1; k <= pc.total(); k *= 2) {
          ks.add(k);
        }
        ks.add(pc.total());
      }
      JsonObject passAtK = new JsonObject();
      for (int k : ks) {
        double sum = 0;
        long n = 0;
        for (PassCount pc : passCounts) {
          if (pc.total() >= k) {
            sum += PassAtK.estimate(pc.total(), pc.passed(), k) * pc.problems();
            n += pc.problems();
          }
        }
        if (n > 0) {
          passAtK.put(String.valueOf(k), round2(sum / n));
        }
      }
      JsonArray histogram = new JsonArray();
      for (int i = 0; i < hist.length; i++) {
        histogram.add(new JsonObject().put("bucket", i == 10 ? "1.0" : String.format("%.1f-%.1f", i / 10.0, (i + 1) / 10.0))
            .put("problems", hist[i]));
      }
      JsonObject out = new JsonObject()
          .put("stages", new JsonObject()
              .put("seeds", seeds).put("proposed", proposed).put("valid_problems", valid)
              .put("problems", problems).put("attempts", attempts).put("verified", verified).put("kept", kept))
          .put("drops", new JsonObject().put("problems", problemDrops).put("attempts", attemptDrops))
          .put("funnel", funnel)
          .put("yield", attempts == 0 ? 0.0 : round2((double) kept / attempts))
          .put("pass_at_1", passN == 0 ? 0.0 : round2(pass1 / passN))
          .put("pass_at_k", passAtK)
          .put("rationalized", new JsonObject().put("attempts", rationalizations).put("kept", rationalizedKept))
          .put("dual_agreement", new JsonObject().put("problems_scored", scored)
              .put("mean", scored == 0 ? null : round2(agreementPermilleSum / 1000.0 / scored)))
          .put("pass_rate_histogram", histogram);
      JsonObject agentic = AgentReport.json(agent, kept);
      return agentic == null ? out : out.put("agent", agentic);
    }

    private static long sum(Map<String, Long> m) {
      return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static JsonObject stage(String name, long in, long out, Map<String, Long> drops) {
      return new JsonObject().put("stage", name).put("in", in).put("out", out)
          .put("drops", new JsonObject(new TreeMap<String, Object>(drops)));
    }
  }
}

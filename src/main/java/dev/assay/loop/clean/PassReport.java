package dev.assay.loop.clean;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A round's pass statistics over its problems: mean unbiased pass@k ({@link PassAtK}) for each
 * requested k, and a histogram of per-problem pass rates (how learnable the round's problems are).
 *
 * @param problems problems with at least one sample (problems without samples are left out)
 * @param passAt k -> mean pass@k over the problems with at least k samples (absent if none has)
 * @param histogram {@code bins} equal-width bins of pass rate over [0, 1]: bin i holds rates in
 *     [i/bins, (i+1)/bins), the last bin also holds 1
 * @param nonePassed problems where no sample passed (pass rate 0)
 * @param allPassed problems where every sample passed (pass rate 1)
 */
public record PassReport(
    int problems, Map<Integer, Double> passAt, List<Integer> histogram, int nonePassed, int allPassed) {

  /** One problem's samples and how many of them were verified. */
  public record Counts(int samples, int passed) {
    public Counts {
      if (samples < 0 || passed < 0 || passed > samples) {
        throw new IllegalArgumentException("need 0 <= passed <= samples: " + passed + "/" + samples);
      }
    }
  }

  public PassReport {
    passAt = Collections.unmodifiableMap(new LinkedHashMap<>(passAt));
    histogram = List.copyOf(histogram);
  }

  /**
   * @param ks the k values to report (e.g. 1 and the samples per problem), each ≥ 1
   * @param bins histogram bins, ≥ 1 (10 gives steps of 0.1)
   */
  public static PassReport of(List<Counts> perProblem, List<Integer> ks, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1: " + bins);
    }
    List<Counts> sampled = perProblem.stream().filter(c -> c.samples() > 0).toList();
    Map<Integer, Double> passAt = new LinkedHashMap<>();
    for (int k : ks) {
      double sum = 0;
      int n = 0;
      for (Counts c : sampled) {
        if (c.samples() >= k) {
          sum += PassAtK.estimate(c.samples(), c.passed(), k);
          n++;
        }
      }
      if (n > 0) {
        passAt.put(k, sum / n);
      }
    }
    int[] hist = new int[bins];
    int none = 0;
    int all = 0;
    for (Counts c : sampled) {
      double rate = (double) c.passed() / c.samples();
      hist[Math.min(bins - 1, (int) Math.floor(rate * bins))]++;
      none += c.passed() == 0 ? 1 : 0;
      all += c.passed() == c.samples() ? 1 : 0;
    }
    List<Integer> histogram = new ArrayList<>(bins);
    for (int h : hist) {
      histogram.add(h);
    }
    return new PassReport(sampled.size(), passAt, histogram, none, all);
  }

  /**
   * {@code {"problems":N, "pass_at":{"1":0.42,"8":0.77}, "histogram":{"edges":[0,0.1,..,1],
   * "counts":[..]}, "none_passed":a, "all_passed":b}}.
   */
  public JsonObject toJson() {
    JsonObject at = new JsonObject();
    passAt.forEach((k, v) -> at.put(String.valueOf(k), v));
    JsonArray edges = new JsonArray();
    for (int i = 0; i <= histogram.size(); i++) {
      edges.add((double) i / histogram.size());
    }
    return new JsonObject()
        .put("problems", problems)
        .put("pass_at", at)
        .put("histogram", new JsonObject().put("edges", edges).put("counts", new JsonArray(new ArrayList<>(histogram))))
        .put("none_passed", nonePassed)
        .put("all_passed", allPassed);
  }
}

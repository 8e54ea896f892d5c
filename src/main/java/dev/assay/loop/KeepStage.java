package dev.assay.loop;

import dev.assay.loop.clean.SampleFields;
import dev.assay.loop.clean.SampleFilter;
import dev.assay.loop.clean.SolutionPicker;
import dev.assay.store.Store.KeepDecision;
import dev.assay.store.Store.KeptSample;
import dev.assay.store.Store.ProblemStat;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which verified samples are kept, in a fixed order (problem id, sample index) so the
 * outcome never depends on timing. A verified sample is dropped as {@code duplicate} (same text
 * for the same problem), {@code mentions_hint} (a rationalization that gives its hint away),
 * {@code low_agreement} (its model-written tests scored below the dual-agreement threshold),
 * {@code contaminated} (shares an n-gram with a benchmark), {@code filtered} (fails a configured
 * filter expression) or {@code per_problem_cap} (beyond the most solutions kept per problem,
 * distinct ones preferred).
 */
final class KeepStage {
  private KeepStage() {}

  static Future<Integer> run(RoundContext ctx) {
    return Future.all(ctx.store().verified(ctx.round().id()),
            ctx.store().problemStats(ctx.round().run(), ctx.round().roundNo() + 1), ctx.store().scores(ctx.round().id()))
        .compose(cf -> {
          List<KeptSample> verified = cf.resultAt(0);
          List<ProblemStat> stats = cf.resultAt(1);
          Map<String, Double> scores = cf.resultAt(2);
          Map<String, ProblemStat> byProblem = new HashMap<>();
          stats.stream().filter(s -> s.roundNo() == ctx.round().roundNo()).forEach(s -> byProblem.put(s.problem().id(), s));
          return ctx.vertx().executeBlocking(
              () -> decide(ctx.cleaning(), ctx.round().roundNo(), verified, byProblem, scores), false);
        })
        .compose(d -> ctx.store().saveKeep(ctx.round().id(), d));
  }

  static List<KeepDecision> decide(Cleaning cleaning, int roundNo, List<KeptSample> verified, Map<String, ProblemStat> stats,
      Map<String, Double> scores) {
    double minAgreement = cleaning.keep.minDualAgreement();
    List<KeptSample> ordered = new ArrayList<>(verified);
    ordered.sort(Comparator.comparing((KeptSample k) -> k.problem().id()).thenComparingInt(k -> k.attempt().idx()));
    List<KeepDecision> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, List<KeptSample>> candidates = new LinkedHashMap<>();
    for (KeptSample k : ordered) {
      String why = null;
      String detail = "";
      Optional<String> hit;
      if (!seen.add(k.attempt().sampleId())) {
        why = "duplicate";
        detail = "same text as an earlier sample of this problem";
      } else if (scores.getOrDefault(k.problem().id(), 1.0) < minAgreement) {
        why = "low_agreement";
        detail = "the tests' dual agreement " + scores.get(k.problem().id()) + " < " + minAgreement;
      } else if (k.attempt().rationalized() && mentionsHint(k.attempt().text())) {
        why = "mentions_hint";
        detail = "the rationale refers to the hint it was given";
      } else if ((hit = contamination(cleaning, k)).isPresent()) {
        why = "contaminated";
        detail = hit.get();
      } else {
        SampleFilter failed = firstFailing(cleaning.filters, fields(k, roundNo, stats.get(k.problem().id())));
        if (failed != null) {
          why = "filtered";
          detail = failed.expression();
        }
      }
      if (why != null) {
        out.add(new KeepDecision(k.problem().id(), k.attempt().idx(), k.attempt().sampleId(), why, detail));
      } else {
        candidates.computeIfAbsent(k.problem().id(), x -> new ArrayList<>()).add(k);
      }
    }
    int max = cleaning.keep.maxSolutionsPerProblem();
    for (List<KeptSample> list : candidates.values()) {
      Set<KeptSample> picked = new HashSet<>(SolutionPicker.pick(list, k -> k.attempt().text(), max));
      for (KeptSample k : list) {
        out.add(picked.contains(k)
            ? new KeepDecision(k.problem().id(), k.attempt().idx(), k.attempt().sampleId(), null, "")
            : new KeepDecision(k.problem().id(), k.attempt().idx(), k.attempt().sampleId(), "per_problem_cap",
                "more than " + max + " solutions of this problem"));
      }
    }
    return out;
  }

  /**
   * A math solution is contaminated by any shared n-gram; a code solution only when at least
   * {@value #CODE_MIN_COVERAGE} of it matches a benchmark, so common idioms (a prime loop) are not.
   */
  private static Optional<String> contamination(Cleaning cleaning, KeptSample k) {
    String text = k.attempt().text();
    return (k.problem().domain() == dev.assay.verify.Domain.CODE
        ? cleaning.decontaminator.check(text, CODE_MIN_COVERAGE)
        : cleaning.decontaminator.check(text)).map(h -> h.describe());
  }

  static final double CODE_MIN_COVERAGE = 0.5;

  static boolean mentionsHint(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.contains("hint") || t.contains("i was told") || t.contains("given answer") || t.contains("correct final answer is");
  }

  private static SampleFields fields(KeptSample k, int roundNo, ProblemStat s) {
    int samples = s == null ? 0 : s.total();
    int passed = s == null ? 0 : s.passed();
    return new SampleFields(s == null ? 0 : s.passRate(), k.attempt().completionTokens(), k.attempt().text().length(),
        k.problem().domain().wire(), roundNo, k.attempt().rationalized(), samples, passed);
  }

  private static SampleFilter firstFailing(List<SampleFilter> filters, SampleFields f) {
    for (SampleFilter x : filters) {
      if (!x.test(f)) {
        return x;
      }
    }
    return null;
  }
}

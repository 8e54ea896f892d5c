package dev.assay.loop;

import dev.assay.store.SamplePages;
import dev.assay.loop.clean.SampleFields;
import dev.assay.loop.clean.SampleFilter;
import dev.assay.loop.clean.SolutionPicker;
import dev.assay.loop.core.Domain;
import dev.assay.store.KeepDecision;
import dev.assay.store.KeptSample;
import dev.assay.store.PassRate;
import dev.assay.store.SampleKey;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which verified samples are kept, reading them page by page in a fixed order (problem id,
 * sample index) so the outcome never depends on timing, holding one problem's samples at a time. A
 * verified sample is dropped as {@code duplicate} (same text for the same problem), {@code
 * low_agreement} (its model-written tests scored below the dual-agreement threshold), {@code
 * mentions_hint} (a rationalization that gives its hint away), {@code contaminated} (shares an
 * n-gram with a benchmark), {@code filtered} (fails a configured filter expression) or {@code
 * per_problem_cap} (beyond the most solutions kept per problem, distinct ones preferred); the plain
 * baseline answers of agentic rounds are never kept ({@code baseline}).
 */
final class KeepStage implements Stage {
  static final double CODE_MIN_COVERAGE = 0.5;

  @Override
  public String name() {
    return "keep";
  }

  /**
   * Decides page by page; the decisions of a page are stored and its kept samples' lines appended to
   * the round's samples file (see {@link RoundOutput.Draft}) before the next page is decided.
   */
  @Override
  public Future<Void> run(RoundContext ctx) {
    long roundId = ctx.roundId();
    RoundOutput output = new RoundOutput(ctx.cfg().run().out());
    // every problem with model-written tests was scored by the agreement stage, which fails otherwise
    return Future.all(ctx.store().problems().passRates(roundId), ctx.store().problems().scores(roundId))
        .compose(cf -> {
          Map<String, Double> scores = cf.resultAt(1);
          Map<String, PassRate> rates = cf.resultAt(0);
          ctx.progress().stage(name(), 1);
          int[] kept = {0};
          List<KeptSample> carry = new ArrayList<>();
          return ctx.store().samples().clearKeep(roundId)
              .compose(v -> output.draft(ctx))
              .compose(draft -> SamplePages.each(after -> ctx.store().samples().verified(roundId, after, SamplePages.SIZE),
                      KeptSample::key, page -> decideInParallel(ctx, carry, page, page.size() < SamplePages.SIZE, rates, scores)
                          .compose(d -> save(ctx, d, kept))
                          .compose(draft::append))
                  .compose(v -> draft.finish())
                  .recover(e -> draft.abandon().transform(x -> Future.failedFuture(e))))
              .onSuccess(v -> {
                ctx.progress().step(name());
                ctx.progress().kept(kept[0]);
              });
        });
  }

  /** A page's samples (those whose problem is complete) and the decisions on them. */
  private record Decided(List<KeptSample> samples, List<KeepDecision> decisions) {
    /** The kept samples, in order. */
    List<KeptSample> kept() {
      Set<SampleKey> keys = new HashSet<>();
      decisions.stream().filter(KeepDecision::kept).forEach(d -> keys.add(new SampleKey(d.problemId(), d.idx())));
      return samples.stream().filter(k -> keys.contains(k.key())).toList();
    }
  }

  /**
   * Decides a page on two worker threads: the page (after the samples carried over from the last
   * one) is cut at a problem boundary near its middle, each half decided on its own (decisions are
   * per problem), the results joined in order; the last problem waits for the next page unless this
   * is the last page.
   */
  private static Future<Decided> decideInParallel(RoundContext ctx, List<KeptSample> carry, List<KeptSample> page,
      boolean lastPage, Map<String, PassRate> rates, Map<String, Double> scores) {
    List<KeptSample> all = new ArrayList<>(carry);
    all.addAll(page);
    carry.clear();
    int end = all.size();
    if (!lastPage) {
      String tail = all.get(end - 1).problem().id();
      while (end > 0 && all.get(end - 1).problem().id().equals(tail)) {
        end--;
      }
      carry.addAll(all.subList(end, all.size()));
    }
    int mid = end / 2;
    while (mid > 0 && mid < end && all.get(mid).problem().id().equals(all.get(mid - 1).problem().id())) {
      mid++;
    }
    List<KeptSample> a = all.subList(0, mid);
    List<KeptSample> b = all.subList(mid, end);
    List<KeptSample> decided = all.subList(0, end);
    int roundNo = ctx.round().roundNo();
    Future<List<KeepDecision>> first = ctx.vertx().executeBlocking(() -> decide(ctx.cleaning(), roundNo, a, rates, scores), false);
    Future<List<KeepDecision>> second = ctx.vertx().executeBlocking(() -> decide(ctx.cleaning(), roundNo, b, rates, scores), false);
    return Future.all(first, second).map(cf -> {
      List<KeepDecision> out = new ArrayList<>(first.result());
      out.addAll(second.result());
      return new Decided(decided, out);
    });
  }

  /** Stores a page's decisions; the kept samples, in order. */
  private static Future<List<KeptSample>> save(RoundContext ctx, Decided d, int[] kept) {
    return d.decisions().isEmpty() ? Future.succeededFuture(List.of())
        : ctx.store().samples().saveKeep(ctx.roundId(), d.decisions()).map(n -> {
          kept[0] += n;
          return d.kept();
        });
  }

  /** The decisions for verified samples given in (problem id, index) order: pure, one problem held at a time. */
  static List<KeepDecision> decide(Cleaning cleaning, int roundNo, List<KeptSample> verified, Map<String, PassRate> rates,
      Map<String, Double> scores) {
    Keeper k = new Keeper(cleaning, roundNo, rates, scores);
    List<KeepDecision> out = new ArrayList<>(k.accept(verified));
    out.addAll(k.finish());
    return out;
  }

  /** Decides problem by problem; holds the current problem's samples until the next problem starts. */
  static final class Keeper {
    private final Cleaning cleaning;
    private final int roundNo;
    private final Map<String, PassRate> rates;
    private final Map<String, Double> scores;
    private final List<KeptSample> current = new ArrayList<>();

    Keeper(Cleaning cleaning, int roundNo, Map<String, PassRate> rates, Map<String, Double> scores) {
      this.cleaning = cleaning;
      this.roundNo = roundNo;
      this.rates = rates;
      this.scores = scores;
    }

    /** Takes the next samples in order; returns the decisions of the problems they complete. */
    List<KeepDecision> accept(List<KeptSample> samples) {
      List<KeepDecision> out = new ArrayList<>();
      for (KeptSample k : samples) {
        if (!current.isEmpty() && !current.get(0).problem().id().equals(k.problem().id())) {
          out.addAll(problem(current));
          current.clear();
        }
        current.add(k);
      }
      return out;
    }

    /** The decisions of the last problem. */
    List<KeepDecision> finish() {
      List<KeepDecision> out = problem(current);
      current.clear();
      return out;
    }

    private List<KeepDecision> problem(List<KeptSample> samples) {
      double minAgreement = cleaning.keep.minDualAgreement();
      List<KeepDecision> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      List<KeptSample> candidates = new ArrayList<>();
      for (KeptSample k : samples) {
        String why = null;
        String detail = "";
        Optional<String> hit;
        String pid = k.problem().id();
        if ("baseline".equals(k.attempt().kind())) {
          why = "baseline";
          detail = "a plain answer (no tools, no repair) measuring pass@1 for the report, never kept";
        } else if (!seen.add(k.attempt().sampleId())) {
          why = "duplicate";
          detail = "same text as an earlier sample of this problem";
        } else if (scores.getOrDefault(pid, 1.0) < minAgreement) {
          why = "low_agreement";
          detail = "the tests' dual agreement " + scores.get(pid) + " < " + minAgreement;
        } else if (k.attempt().rationalized() && mentionsHint(k.attempt().text())) {
          why = "mentions_hint";
          detail = "the rationale refers to the hint it was given";
        } else if ((hit = contamination(cleaning, k)).isPresent()) {
          why = "contaminated";
          detail = hit.get();
        } else {
          SampleFilter failed = firstFailing(cleaning.filters, fields(k, roundNo, rates.get(pid)));
          if (failed != null) {
            why = "filtered";
            detail = failed.expression();
          }
        }
        if (why != null) {
          out.add(KeepDecision.of(k, why, detail));
        } else {
          candidates.add(k);
        }
      }
      int max = cleaning.keep.maxSolutionsPerProblem();
      // by identity: a sample record's hash would hash its problem's whole body
      Set<KeptSample> picked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      picked.addAll(SolutionPicker.pick(candidates, k -> k.attempt().text(), max));
      for (KeptSample k : candidates) {
        out.add(picked.contains(k) ? KeepDecision.of(k, null, "")
            : KeepDecision.of(k, "per_problem_cap", "more than " + max + " solutions of this problem"));
      }
      return out;
    }
  }

  /**
   * A math solution is contaminated by any shared n-gram; a code solution only when at least
   * {@value #CODE_MIN_COVERAGE} of it matches a benchmark, so common idioms (a prime loop) are not.
   */
  private static Optional<String> contamination(Cleaning cleaning, KeptSample k) {
    String text = k.attempt().text();
    return (k.problem().domain() == Domain.CODE
        ? cleaning.decontaminator.check(text, CODE_MIN_COVERAGE)
        : cleaning.decontaminator.check(text)).map(h -> h.describe());
  }

  static boolean mentionsHint(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.contains("hint") || t.contains("i was told") || t.contains("given answer") || t.contains("correct final answer is");
  }

  private static SampleFields fields(KeptSample k, int roundNo, PassRate s) {
    int samples = s == null ? 0 : s.total();
    int passed = s == null ? 0 : s.passed();
    return new SampleFields(s == null ? 0 : s.rate(), k.attempt().completionTokens(), k.attempt().text().length(),
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

package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.config.AssayConfig;
import dev.assay.loop.clean.Band;
import dev.assay.loop.clean.Decontaminator;
import dev.assay.loop.clean.NearDuplicates;
import dev.assay.loop.clean.SampleFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The clean-data tools of a run, built once: the benchmark n-gram index, the compiled filter
 * expressions and the learnability band. Building is blocking (reads benchmark files, runs
 * Janino): do it off the event loop. A bad filter expression is a CONFIG error naming it.
 */
final class Cleaning {
  final Decontaminator decontaminator;
  final List<SampleFilter> filters;
  final Band learnable;
  final AssayConfig.Keep keep;

  private Cleaning(AssayConfig.Keep keep, Decontaminator d, List<SampleFilter> filters, Band learnable) {
    this.keep = keep;
    this.decontaminator = d;
    this.filters = filters;
    this.learnable = learnable;
  }

  /** Built once per keep section and kept for the process: the benchmark index is not rebuilt every round. */
  private static final java.util.Map<AssayConfig.Keep, Cleaning> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

  static Cleaning create(AssayConfig cfg) {
    Cleaning c = BUILT.get(cfg.keep());
    if (c == null) {
      c = build(cfg);
      if (BUILT.size() > 8) {
        BUILT.clear();
      }
      BUILT.put(cfg.keep(), c);
    }
    return c;
  }

  private static Cleaning build(AssayConfig cfg) {
    AssayConfig.Keep k = cfg.keep();
    List<SampleFilter> filters = new ArrayList<>();
    for (String expr : k.filters()) {
      try {
        filters.add(SampleFilter.compile(expr));
      } catch (AssayException e) {
        throw AssayException.config(cfg.file() + ": keep.filters: " + e.getMessage());
      }
    }
    Band band;
    try {
      band = Band.parse(k.learnableBand());
    } catch (RuntimeException e) {
      throw AssayException.config(cfg.file() + ": keep.learnable_band: " + e.getMessage());
    }
    return new Cleaning(k, Decontaminator.load(k.decontaminate(), k.ngram()), List.copyOf(filters), band);
  }

  NearDuplicates newIndex() {
    return new NearDuplicates(keep.nearDuplicateThreshold(), NearDuplicates.DEFAULT_SHINGLE, NearDuplicates.DEFAULT_SEED);
  }

  /** "gsm8k_test.jsonl, math500.jsonl" or "none". */
  String benchmarks() {
    return keep.decontaminate().isEmpty() ? "none"
        : String.join(", ", keep.decontaminate().stream().map(p -> p.getFileName().toString()).toList());
  }
}

package dev.assay.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads {@code keep:}: how many solutions a problem keeps, near-duplicates, decontamination (the
 * benchmark files named, or the default ones found under {@code benchmarks/} or
 * {@code ../shared/peer/}), filters, the learnable band and the dual-agreement floor.
 */
final class KeepSection {
  private KeepSection() {}

  /** The benchmark test sets decontamination uses when the config names none, where present. */
  static final List<String> DEFAULT_BENCHMARKS = List.of("gsm8k_test.jsonl", "math500.jsonl", "humaneval.jsonl", "mbpp.jsonl");

  static AssayConfig.Keep read(Node n, BiFunction<String, Boolean, Path> p) {
    List<Path> bench;
    if (n.has("decontaminate")) {
      bench = n.strings("decontaminate", List.of()).stream().map(x -> p.apply(x, true)).toList();
      for (int i = 0; i < bench.size(); i++) {
        if (!Files.isRegularFile(bench.get(i))) {
          throw n.error("decontaminate[" + i + "]", "no such benchmark file: " + bench.get(i));
        }
      }
    } else {
      bench = new java.util.ArrayList<>();
      for (String dir : List.of("benchmarks", "../shared/peer")) {
        for (String f : DEFAULT_BENCHMARKS) {
          Path b = p.apply(dir + "/" + f, true);
          if (Files.isRegularFile(b) && bench.stream().noneMatch(x -> x.getFileName().equals(b.getFileName()))) {
            bench.add(b);
          }
        }
      }
    }
    String band = n.string("learnable_band", "(0, 1)");
    if (!band.matches("[\\[(]\\s*[0-9.]+\\s*,\\s*[0-9.]+\\s*[\\])]")) {
      throw n.error("learnable_band", "must be an interval like (0, 1) or [0.1, 0.9], got '" + band + "'");
    }
    var k = new AssayConfig.Keep(
        n.integer("max_solutions_per_problem", 4, 1, 100_000),
        n.number("near_duplicate_threshold", 0.8, 0.1, 1.0),
        List.copyOf(bench),
        n.integer("ngram", 13, 3, 100),
        n.strings("filters", List.of()),
        band,
        n.number("min_dual_agreement", 0.0, 0.0, 1.0));
    n.rejectUnknown();
    return k;
  }
}

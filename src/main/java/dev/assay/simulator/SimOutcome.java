package dev.assay.simulator;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** What a simulated sample does; drawn from weights per (seed, request seed, problem, index). */
enum SimOutcome {
  CORRECT, WRONG_ANSWER, NO_ANSWER, RAISES, INFINITE_LOOP, MEMORY_HOG, FORK_BOMB, OUTPUT_FLOOD;

  static final List<SimOutcome> MATH = List.of(CORRECT, WRONG_ANSWER, NO_ANSWER);
  static final List<SimOutcome> CODE =
      List.of(CORRECT, WRONG_ANSWER, RAISES, INFINITE_LOOP, MEMORY_HOG, FORK_BOMB, OUTPUT_FLOOD);

  static final Map<String, Double> MATH_DEFAULTS =
      Map.of("correct", 0.55, "wrong_answer", 0.3, "no_answer", 0.15);
  static final Map<String, Double> CODE_DEFAULTS = Map.of("correct", 0.5, "wrong_answer", 0.15,
      "raises", 0.1, "infinite_loop", 0.07, "memory_hog", 0.06, "fork_bomb", 0.04, "output_flood", 0.08);

  /** The key of this outcome in {@link SimulatorOptions#outcomes()}. */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Weights for a domain ("math" or "code"): a key {@code domain.outcome} wins over a plain
   * {@code outcome}; when the map names no outcome of the domain, that domain's defaults apply.
   */
  static Map<SimOutcome, Double> weights(Map<String, Double> configured, String domain) {
    List<SimOutcome> allowed = domain.equals("math") ? MATH : CODE;
    Map<SimOutcome, Double> out = new EnumMap<>(SimOutcome.class);
    for (SimOutcome o : allowed) {
      Double w = configured.getOrDefault(domain + "." + o.key(), configured.get(o.key()));
      if (w != null && w > 0) {
        out.put(o, w);
      }
    }
    if (out.isEmpty()) {
      Map<String, Double> defaults = domain.equals("math") ? MATH_DEFAULTS : CODE_DEFAULTS;
      for (SimOutcome o : allowed) {
        out.put(o, defaults.get(o.key()));
      }
    }
    return out;
  }

  static SimOutcome draw(Map<SimOutcome, Double> weights, SplittableRandom rng) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double u = rng.nextDouble() * total;
    SimOutcome last = CORRECT;
    for (Map.Entry<SimOutcome, Double> e : weights.entrySet()) {
      last = e.getKey();
      u -= e.getValue();
      if (u < 0) {
        return last;
      }
    }
    return last;
  }
}

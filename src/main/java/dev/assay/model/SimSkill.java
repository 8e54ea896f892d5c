package dev.assay.model;

import java.util.Set;

/**
 * What a simulated fine-tune learned: {@code boost} is the chance that a sample the base model
 * gets wrong comes out correct instead; prompts in {@code known} (whitespace-normalised user
 * messages of the training set) are promoted with at least {@link #KNOWN_PROMOTION}. A promoted
 * draw only ever turns a wrong outcome into a correct one, so a fine-tune is never worse than its
 * base on any (seed, prompt, index).
 *
 * @param model the registered model name, null for the base model
 * @param boost 0 (base) to below 1
 * @param known normalised prompts of the training data
 */
record SimSkill(String model, double boost, Set<String> known) {
  static final double KNOWN_PROMOTION = 0.8;
  static final SimSkill BASE = new SimSkill(null, 0, Set.of());

  SimSkill {
    known = Set.copyOf(known);
  }

  /** Chance that a non-correct draw for this user prompt is promoted to correct. */
  double promotion(String userPrompt) {
    return !known.isEmpty() && known.contains(SimRandom.normalise(userPrompt))
        ? Math.max(KNOWN_PROMOTION, boost) : boost;
  }

  /** The correct rate after promotion, for a base correct rate {@code c}. */
  double correctRate(double c) {
    return c + (1 - c) * boost;
  }
}

package dev.assay.simulator;

import java.util.Set;

/**
 * What a simulated fine-tune learned: {@code boost} is the chance that a sample the base model
 * gets wrong comes out correct instead (correct' = correct + (1 - correct) * boost); prompts in
 * {@code known} (whitespace-normalised user messages of the training set) come out correct with
 * probability at least {@link #KNOWN_CORRECT}. A promotion only ever turns a wrong outcome into a
 * correct one, so a fine-tune is never worse than its base on any (seed, prompt, index).
 *
 * @param model the registered model name, null for the base model
 * @param boost 0 (base) to below 1
 * @param known normalised prompts of the training data
 */
record SimSkill(String model, double boost, Set<String> known) {
  static final double KNOWN_CORRECT = 0.9;
  static final SimSkill BASE = new SimSkill(null, 0, Set.of());

  SimSkill {
    known = Set.copyOf(known);
  }

  /** Chance that a non-correct draw is promoted, for a user prompt and the base correct rate. */
  double promotion(String userPrompt, double baseCorrect) {
    if (!known.isEmpty() && baseCorrect < KNOWN_CORRECT && known.contains(SimRandom.normalise(userPrompt))) {
      return Math.max(boost, (KNOWN_CORRECT - baseCorrect) / (1 - baseCorrect));
    }
    return boost;
  }

  /** The correct rate after promotion, for a base correct rate {@code c}. */
  double correctRate(double c) {
    return c + (1 - c) * boost;
  }
}

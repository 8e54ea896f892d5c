package dev.assay.loop.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses at most {@code max} of a problem's verified solutions, preferring distinct ones.
 *
 * <p>Solutions with equal {@link TextNorm#normalise normalised} text are one solution (the first
 * is kept). Among the rest: greedy max-min diversity over normalised word sets: the first solution
 * is taken, then repeatedly the one whose smallest Jaccard distance to those taken is largest
 * (earliest on ties), until {@code max} are taken. Deterministic; the result keeps input order.
 */
public final class SolutionPicker {
  private SolutionPicker() {}

  /**
   * @param solutions one problem's solutions, in a stable order (e.g. sample index)
   * @param text the text of a solution
   * @param max at most this many are returned; 0 or less returns none
   */
  public static <T> List<T> pick(List<T> solutions, Function<T, String> text, int max) {
    if (max <= 0 || solutions.isEmpty()) {
      return List.of();
    }
    List<Integer> distinct = new ArrayList<>();
    List<long[]> sets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < solutions.size(); i++) {
      List<String> words = TextNorm.words(text.apply(solutions.get(i)));
      if (seen.add(String.join(" ", words))) {
        distinct.add(i);
        sets.add(wordSet(words));
      }
    }
    int m = distinct.size();
    boolean[] taken = new boolean[m];
    double[] minDist = new double[m];
    java.util.Arrays.fill(minDist, Double.MAX_VALUE);
    int count = 0;
    for (int next = 0; next >= 0 && count < max; count++) {
      taken[next] = true;
      int best = -1;
      for (int j = 0; j < m; j++) {
        if (taken[j]) {
          continue;
        }
        minDist[j] = Math.min(minDist[j], 1.0 - NearDuplicates.jaccard(sets.get(next), sets.get(j)));
        if (best < 0 || minDist[j] > minDist[best]) {
          best = j;
        }
      }
      next = best;
    }
    List<T> out = new ArrayList<>(count);
    for (int j = 0; j < m; j++) {
      if (taken[j]) {
        out.add(solutions.get(distinct.get(j)));
      }
    }
    return out;
  }

  private static long[] wordSet(List<String> words) {
    long[] w = Hashes.words(words);
    java.util.Arrays.sort(w);
    return NearDuplicates.dedupSorted(w); // a stream's distinct() would box every hash
  }
}

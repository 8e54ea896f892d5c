package dev.assay.store;

import dev.assay.loop.core.Problem;

/** How a problem fared in a round: verified-ok samples out of verified samples. */
public record ProblemStat(Problem problem, int roundNo, int passed, int total) {
  public double passRate() {
    return total == 0 ? 0 : (double) passed / total;
  }
}

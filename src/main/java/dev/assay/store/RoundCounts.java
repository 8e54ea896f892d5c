package dev.assay.store;

import java.util.List;
import java.util.Map;

/**
 * What a round's tables hold, counted by a handful of aggregate queries: the yield report's input.
 *
 * @param domains counts per domain ({@code math}, {@code code}), every domain present
 * @param proposeTokens prompt + completion tokens of the proposer's calls
 * @param solveTokens prompt + completion tokens of the solver's calls
 * @param requests HTTP requests made to the model
 * @param verifyMs time spent verifying, summed over verdicts
 */
public record RoundCounts(Map<String, DomainCounts> domains, long proposeTokens, long solveTokens, long requests,
    long verifyMs) {

  public RoundCounts {
    domains = Map.copyOf(domains);
  }

  /** Attempts stored without a verdict, over every domain. */
  public long unverified() {
    return domains.values().stream().mapToLong(DomainCounts::unverified).sum();
  }

  /**
   * One domain's counts.
   *
   * @param seeds seed problems loaded; {@code validSeeds} of them passed the seed check
   * @param proposed proposed problems (valid or dropped)
   * @param seedDrops why seeds were dropped; {@code proposalDrops} why proposals were
   * @param problems problems to solve (valid seeds and proposals)
   * @param solveFailures problems whose solve failed for good (model errors given up on)
   * @param attempts stored attempts (samples and rationalizations)
   * @param verdicts verified attempts by verdict reason ({@code ok} included)
   * @param keepDrops why verified attempts were not kept
   * @param passCounts problems by (passed, total) over their sample attempts
   * @param meanAgreement mean CodeT dual agreement of the {@code scored} problems (0 when none)
   */
  public record DomainCounts(long seeds, long validSeeds, long proposed, Map<String, Long> seedDrops,
      Map<String, Long> proposalDrops, long problems, long solveFailures, long attempts, Map<String, Long> verdicts,
      Map<String, Long> keepDrops, long kept, long rationalizations, long rationalizedKept, long scored,
      double meanAgreement, List<PassCount> passCounts, AgentCounts agent) {

    public DomainCounts {
      agent = agent == null ? AgentCounts.NONE : agent;
      seedDrops = Map.copyOf(seedDrops);
      proposalDrops = Map.copyOf(proposalDrops);
      verdicts = Map.copyOf(verdicts);
      keepDrops = Map.copyOf(keepDrops);
      passCounts = List.copyOf(passCounts);
    }

    public static final DomainCounts NONE = new DomainCounts(0, 0, 0, Map.of(), Map.of(), 0, 0, 0, Map.of(), Map.of(), 0,
        0, 0, 0, 0, List.of(), AgentCounts.NONE);

    /** Attempts with no verdict yet. */
    public long unverified() {
      return attempts - verdicts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * How agentic samples went (tools, repair): trajectories finished, how many had their first final
   * answer right, how many were right after r repairs ({@code rightAfter}: repairs used to the count of
   * right ones), tool calls and their sandbox time (all, and of kept samples), tool runs by status, and
   * the plain baseline answers (no tools, no repair) and how many of them were right.
   */
  public record AgentCounts(long trajectories, long firstRight, Map<Integer, Long> rightAfter, long toolCalls,
      long toolMs, long keptToolMs, Map<String, Long> toolStatuses, long baseline, long baselineRight) {
    public static final AgentCounts NONE = new AgentCounts(0, 0, Map.of(), 0, 0, 0, Map.of(), 0, 0);

    public AgentCounts {
      rightAfter = Map.copyOf(rightAfter);
      toolStatuses = Map.copyOf(toolStatuses);
    }
  }

  /** {@code problems} problems had {@code passed} of {@code total} sample attempts verified ok. */
  public record PassCount(int passed, int total, long problems) {}
}

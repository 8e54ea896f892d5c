package dev.assay.store;

/**
 * Which samples a listing shows: {@code roundId <= 0}, an empty {@code domain} or {@code verdict}
 * mean any; rows after {@code afterCursor}, at most {@code limit}.
 */
public record SampleFilter(long roundId, String domain, String verdict, int limit, long afterCursor) {
  public SampleFilter {
    domain = domain == null ? "" : domain;
    verdict = verdict == null ? "" : verdict;
  }
}

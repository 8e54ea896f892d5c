package dev.assay.store;

/**
 * The keep stage's decision on one verified attempt: kept when {@code dropReason} is null. It
 * carries the attempt's {@code domain} and {@code kind} so the store counts the decisions for the
 * report as it records them, without reading the attempts again.
 */
public record KeepDecision(String problemId, int idx, String sampleId, String dropReason, String detail, String domain,
    String kind) {
  public boolean kept() {
    return dropReason == null;
  }

  /** The decision on {@code s}: kept when {@code dropReason} is null. */
  public static KeepDecision of(KeptSample s, String dropReason, String detail) {
    return new KeepDecision(s.problem().id(), s.attempt().idx(), s.attempt().sampleId(), dropReason, detail,
        s.problem().domain().wire(), s.attempt().kind());
  }
}

package dev.assay.store;

/** The keep stage's decision on one verified attempt: kept when {@code dropReason} is null. */
public record KeepDecision(String problemId, int idx, String sampleId, String dropReason, String detail) {
  public boolean kept() {
    return dropReason == null;
  }
}

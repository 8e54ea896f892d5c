package dev.assay.store;

/**
 * A position in the fixed order samples are read in: problem id, then sample index. Pages start
 * after a key; {@link #FIRST} is before every sample.
 */
public record SampleKey(String problemId, int idx) {
  public static final SampleKey FIRST = new SampleKey("", -1);
}

package dev.assay.store;

import java.util.Comparator;

/**
 * A position in the fixed order samples are read in: problem id, then sample index. Pages start
 * after a key; {@link #FIRST} is before every sample.
 */
public record SampleKey(String problemId, int idx) implements Comparable<SampleKey> {
  public static final SampleKey FIRST = new SampleKey("", -1);
  private static final Comparator<SampleKey> ORDER =
      Comparator.comparing(SampleKey::problemId).thenComparingInt(SampleKey::idx);

  @Override
  public int compareTo(SampleKey o) {
    return ORDER.compare(this, o);
  }
}

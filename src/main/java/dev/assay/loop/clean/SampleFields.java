package dev.assay.loop.clean;

/**
 * What a {@link SampleFilter} expression sees of one sample; each component is a variable of the
 * expression under the same name.
 *
 * @param passRate the sample's problem's pass rate over its samples this round, in [0, 1]
 * @param tokens completion tokens of the sample
 * @param length characters of the sample's text
 * @param domain {@code math} or {@code code} (interned, so {@code domain == "math"} works too)
 * @param round the round number
 * @param rationalized whether the sample came from rationalization (a hint of the answer)
 * @param samples samples of the problem this round
 * @param passed verified samples of the problem this round
 */
public record SampleFields(
    double passRate, int tokens, int length, String domain, int round, boolean rationalized,
    int samples, int passed) {

  public SampleFields {
    domain = domain == null ? "" : domain.intern();
  }
}

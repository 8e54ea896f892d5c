package dev.assay.verify.math;

/**
 * Options of one math check.
 *
 * @param mode extraction mode for both gold and prediction (default {@link MatchMode#AUTO})
 * @param precision decimal places for comparing numbers written as decimals (Math-Verify's
 *     {@code float_rounding}, default 6)
 * @param strict when false, the prediction's free symbols are renamed to the gold's when both
 *     have the same number of them ({@code f(x)} equals {@code f(y)}); default true
 * @param allowSetRelationComp when true, an interval or set gold also accepts an inequality
 *     answer (Math-Verify's {@code allow_set_relation_comp}, default false); an inequality gold
 *     always accepts the equivalent interval
 * @param timeoutMs wall-clock budget of the whole check, default 2000 ms
 */
public record MathOptions(
    MatchMode mode, int precision, boolean strict, boolean allowSetRelationComp, long timeoutMs) {

  public static final int DEFAULT_PRECISION = 6;
  public static final long DEFAULT_TIMEOUT_MS = 2_000;

  public MathOptions {
    mode = mode == null ? MatchMode.AUTO : mode;
    precision = Math.max(0, Math.min(precision, 15));
    timeoutMs = timeoutMs <= 0 ? DEFAULT_TIMEOUT_MS : timeoutMs;
  }

  public static MathOptions defaults() {
    return new MathOptions(MatchMode.AUTO, DEFAULT_PRECISION, true, false, DEFAULT_TIMEOUT_MS);
  }

  public MathOptions withMode(MatchMode m) {
    return new MathOptions(m, precision, strict, allowSetRelationComp, timeoutMs);
  }
}

package dev.assay.verify.math;

/**
 * Options of one math check.
 *
 * @param mode extraction patterns for the gold, and for the prediction in lenient extraction
 *     (default {@link MatchMode#AUTO})
 * @param precision decimal places for comparing numbers written as decimals (Math-Verify's
 *     {@code float_rounding}, default 6); clamped to 0..15, so callers refuse a negative value
 *     from their input themselves
 * @param strict when false, the prediction's free symbols are renamed to the gold's when both
 *     have the same number of them ({@code f(x)} equals {@code f(y)}); default true. This is
 *     Math-Verify's {@code strict}, not the extraction mode.
 * @param allowSetRelationComp when true, an interval or set gold also accepts an inequality
 *     answer (Math-Verify's {@code allow_set_relation_comp}, default false); an inequality gold
 *     always accepts the equivalent interval
 * @param timeoutMs CPU-time budget of the whole check (a wall-clock backstop is 4x), default 2000 ms
 * @param extraction where the prediction's answer is read from: {@link ExtractionMode#LENIENT}
 *     (default, Math-Verify's behaviour) or {@link ExtractionMode#STRICT} (only from
 *     {@code format})
 * @param format the place a strict extraction reads (default {@link AnswerFormat#DEFAULT}:
 *     {@code \boxed{}} or an explicit final-answer statement); unused in lenient extraction
 */
public record MathOptions(
    MatchMode mode, int precision, boolean strict, boolean allowSetRelationComp, long timeoutMs,
    ExtractionMode extraction, AnswerFormat format) {

  public static final int DEFAULT_PRECISION = 6;
  public static final long DEFAULT_TIMEOUT_MS = 2_000;
  public static final ExtractionMode DEFAULT_EXTRACTION = ExtractionMode.LENIENT;

  public MathOptions {
    mode = mode == null ? MatchMode.AUTO : mode;
    precision = Math.max(0, Math.min(precision, 15));
    timeoutMs = timeoutMs <= 0 ? DEFAULT_TIMEOUT_MS : timeoutMs;
    extraction = extraction == null ? DEFAULT_EXTRACTION : extraction;
    format = format == null ? AnswerFormat.DEFAULT : format;
  }

  /** Lenient extraction with the default format. */
  public MathOptions(MatchMode mode, int precision, boolean strict, boolean allowSetRelationComp, long timeoutMs) {
    this(mode, precision, strict, allowSetRelationComp, timeoutMs, DEFAULT_EXTRACTION, AnswerFormat.DEFAULT);
  }

  public static MathOptions defaults() {
    return new MathOptions(MatchMode.AUTO, DEFAULT_PRECISION, true, false, DEFAULT_TIMEOUT_MS);
  }

  public MathOptions withMode(MatchMode m) {
    return new MathOptions(m, precision, strict, allowSetRelationComp, timeoutMs, extraction, format);
  }

  public MathOptions withExtraction(ExtractionMode e) {
    return new MathOptions(mode, precision, strict, allowSetRelationComp, timeoutMs, e, format);
  }

  public MathOptions withFormat(AnswerFormat f) {
    return new MathOptions(mode, precision, strict, allowSetRelationComp, timeoutMs, extraction, f);
  }
}

package dev.assay.verify.math;

import dev.assay.AssayException;
import java.util.Locale;

/**
 * How the final answer is found in a prediction. {@link #LENIENT} (the default of {@code assay
 * verify math}) reads it anywhere the way Math-Verify does; {@link #STRICT} (what a round uses
 * for kept samples) reads it only from the place the prompt asked for, an {@link AnswerFormat},
 * and reports {@code no_answer} with detail {@code format} when that place is missing.
 */
public enum ExtractionMode {
  STRICT,
  LENIENT;

  /**
   * Parses {@code strict} or {@code lenient} (any case).
   *
   * @throws AssayException INVALID_INPUT naming the value for anything else (null included)
   */
  public static ExtractionMode parse(String s) {
    String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "strict" -> STRICT;
      case "lenient" -> LENIENT;
      default -> throw AssayException.invalid("must be strict or lenient, got '" + s + "'");
    };
  }

  /** The wire form accepted by {@link #parse}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.assay.verify.math;

import dev.assay.AssayException;
import java.util.Locale;

/**
 * Which extraction patterns are tried on an answer text, mirroring Math-Verify's extraction
 * configs: {@code latex} (LaTeX environments and {@code \boxed}), {@code expr} (plain numbers and
 * arithmetic), both, or {@code auto} (both, plus {@code #### n} and multiple-choice letters).
 */
public enum MatchMode {
  AUTO,
  LATEX,
  EXPR,
  LATEX_EXPR;

  /** Parses the wire form: {@code auto}, {@code latex}, {@code expr}, {@code latex+expr}. */
  public static MatchMode parse(String s) {
    if (s == null || s.isBlank()) {
      return AUTO;
    }
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "latex" -> LATEX;
      case "expr" -> EXPR;
      case "latex+expr", "latex_expr", "expr+latex" -> LATEX_EXPR;
      default -> throw AssayException.invalid("unknown math match mode: " + s);
    };
  }

  /** The wire form accepted by {@link #parse}. */
  public String wire() {
    return this == LATEX_EXPR ? "latex+expr" : name().toLowerCase(Locale.ROOT);
  }

  boolean latex() {
    return this != EXPR;
  }

  boolean expr() {
    return this != LATEX;
  }
}

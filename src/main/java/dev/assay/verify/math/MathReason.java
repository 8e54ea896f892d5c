package dev.assay.verify.math;

import java.util.Locale;

/** Why a math check came out as it did. Wire form is the lower-case name. */
public enum MathReason {
  EQUAL,
  NOT_EQUAL,
  NO_ANSWER,
  PARSE_ERROR,
  TIMEOUT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}

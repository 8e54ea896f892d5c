package dev.assay.verify;

import dev.assay.sandbox.SandboxStatus;
import java.util.Locale;

/** The one reason every verdict carries. Wire form is the lower-case name. */
public enum VerdictReason {
  OK,
  WRONG_ANSWER,
  NO_ANSWER,
  COMPILE_ERROR,
  RUNTIME_ERROR,
  TIMEOUT,
  MEMORY,
  OUTPUT_LIMIT,
  SANDBOX_ERROR;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VerdictReason parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  /** The verdict reason for a sandbox run that did not end {@code ok}. */
  public static VerdictReason of(SandboxStatus s) {
    return switch (s) {
      case OK -> OK;
      case RUNTIME_ERROR -> RUNTIME_ERROR;
      case COMPILE_ERROR -> COMPILE_ERROR;
      case TIMEOUT -> TIMEOUT;
      case MEMORY -> MEMORY;
      case OUTPUT_LIMIT -> OUTPUT_LIMIT;
      case SANDBOX_ERROR -> SANDBOX_ERROR;
    };
  }
}

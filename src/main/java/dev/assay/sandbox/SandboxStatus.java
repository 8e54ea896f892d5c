package dev.assay.sandbox;

import java.util.Locale;

/** How a sandboxed run ended. Wire form is the lower-case name ({@code runtime_error}). */
public enum SandboxStatus {
  OK,
  RUNTIME_ERROR,
  COMPILE_ERROR,
  TIMEOUT,
  MEMORY,
  OUTPUT_LIMIT,
  SANDBOX_ERROR;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SandboxStatus parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}

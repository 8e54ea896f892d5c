package dev.assay.sandbox;

import java.util.Locale;

/** Languages a sandbox can run. */
public enum Language {
  PYTHON,
  JAVA;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Language parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}

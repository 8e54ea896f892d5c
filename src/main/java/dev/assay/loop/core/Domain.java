package dev.assay.loop.core;

import java.util.Locale;

/** What kind of problem: math answers are checked, code is executed. */
public enum Domain {
  MATH,
  CODE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Domain parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}

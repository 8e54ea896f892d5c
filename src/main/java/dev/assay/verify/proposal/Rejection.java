package dev.assay.verify.proposal;

import java.util.Locale;

/**
 * Why a proposed task, suite or program is not accepted; the wire form (lower case) is the drop
 * reason the yield report shows. What the reason is about (a module, a trivial solution) travels
 * in the rejection's detail, never inside the reason. A broken sandbox is never a rejection: the
 * check fails instead, and the proposal stays pending.
 */
public enum Rejection {
  // programs (Absolute Zero tasks)
  TOO_FEW_INPUTS, SYNTAX_ERROR, BANNED_IMPORT, BANNED_EFFECT, NO_ENTRY_POINT, BAD_INPUT, NONTERMINATING,
  RUNTIME_ERROR, NOT_JSON_SERIALISABLE, NONDETERMINISTIC, MEMORY, OUTPUT_LIMIT,
  // generated test suites
  TOO_FEW_TESTS, REFERENCE_FAILS_TESTS, TRIVIAL_SOLUTION_PASSES, LOW_DUAL_AGREEMENT,
  // program-aided answers
  PROGRAM_FAILED, UNPARSEABLE_ANSWER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads an in-sandbox runner's reason, {@code reason} or {@code reason:qualifier} (e.g.
   * {@code banned_import:os}); the qualifier is returned in {@code qualifier[0]}.
   */
  static Rejection parse(String wire, String[] qualifier) {
    String w = wire == null ? "" : wire.strip();
    int colon = w.indexOf(':');
    qualifier[0] = colon < 0 ? "" : w.substring(colon + 1);
    String name = (colon < 0 ? w : w.substring(0, colon)).toUpperCase(Locale.ROOT);
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      qualifier[0] = w;
      return RUNTIME_ERROR;
    }
  }
}

package dev.assay.verify.proposal;


import java.util.Set;

/** A rejection as one string for assertions: {@code ok}, {@code reason}, or {@code reason:qualifier}. */
final class Reasons {
  private static final Set<Rejection> QUALIFIED = Set.of(Rejection.BANNED_IMPORT, Rejection.BANNED_EFFECT,
      Rejection.TRIVIAL_SOLUTION_PASSES);

  private Reasons() {}

  static String of(TaskValidation v) {
    return of(v.rejection(), v.detail());
  }

  static String of(SuiteJudgement j) {
    return of(j.rejection(), j.detail());
  }

  private static String of(Rejection r, String detail) {
    if (r == null) {
      return "ok";
    }
    return QUALIFIED.contains(r) ? r.wire() + ":" + detail.split("\\s+", 2)[0] : r.wire();
  }
}

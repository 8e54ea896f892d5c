package dev.assay.store;

import dev.assay.loop.core.Problem;

/** A problem with its validation outcome ({@code status} valid or dropped). */
public record ProblemRow(Problem problem, String status, String dropReason, String detail) {
  public ProblemRow {
    dropReason = dropReason == null ? "" : dropReason;
    detail = detail == null ? "" : detail;
  }

  public static ProblemRow valid(Problem p) {
    return new ProblemRow(p, "valid", "", "");
  }

  public static ProblemRow dropped(Problem p, String reason, String detail) {
    return new ProblemRow(p, "dropped", reason, detail);
  }
}

package dev.assay.verify.proposal;

import java.util.List;

/**
 * Whether a proposed program is kept, and its outputs computed by running it.
 *
 * @param rejection null when it passed every check, else why not (for the yield report)
 * @param detail a human explanation, may be ""
 * @param outputs per input, the output as canonical JSON (sets sorted, tuples as lists)
 * @param outputReprs per input, Python's repr of the output (a literal; used to write tests)
 */
public record TaskValidation(Rejection rejection, String detail, List<String> outputs, List<String> outputReprs) {

  public TaskValidation {
    detail = detail == null ? "" : detail;
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    outputReprs = outputReprs == null ? List.of() : List.copyOf(outputReprs);
  }

  public boolean valid() {
    return rejection == null;
  }

  static TaskValidation rejected(Rejection why, String detail) {
    return new TaskValidation(why, detail, List.of(), List.of());
  }

  /** A runner's {@code reason[:qualifier]} and detail; the qualifier leads the detail. */
  static TaskValidation rejected(String wire, String detail) {
    String[] q = new String[1];
    Rejection r = Rejection.parse(wire, q);
    return rejected(r, q[0].isEmpty() ? detail : (q[0] + " " + (detail == null ? "" : detail)).strip());
  }
}

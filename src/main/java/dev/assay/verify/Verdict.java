package dev.assay.verify;

import io.vertx.core.json.JsonObject;

/**
 * The outcome of verifying one candidate: a value, never an exception.
 *
 * @param reason why it passed or failed
 * @param detail the verifier's own finer reason or message (e.g. "not_equal", the failing
 *     assert), may be ""
 * @param verifier which verifier decided, with its version (e.g. "math/1", "code-python/1")
 * @param wallMs time spent verifying
 * @param failedTest the index (0-based, in the task's test order) of the first test a code
 *     candidate failed, -1 when none did or the failure was not a test's (no code, a compile
 *     error, a crash before the tests, a math answer)
 */
public record Verdict(VerdictReason reason, String detail, String verifier, long wallMs, int failedTest) {

  public Verdict {
    detail = detail == null ? "" : detail;
    verifier = verifier == null ? "" : verifier;
    failedTest = Math.max(-1, failedTest);
  }

  /** A verdict that names no failing test. */
  public Verdict(VerdictReason reason, String detail, String verifier, long wallMs) {
    this(reason, detail, verifier, wallMs, -1);
  }

  public boolean passed() {
    return reason == VerdictReason.OK;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("reason", reason.wire())
        .put("detail", detail)
        .put("verifier", verifier)
        .put("wall_ms", wallMs)
        .put("failed_test", failedTest);
  }

  public static Verdict fromJson(JsonObject j) {
    return new Verdict(
        VerdictReason.parse(j.getString("reason")),
        j.getString("detail", ""),
        j.getString("verifier", ""),
        j.getLong("wall_ms", 0L),
        j.getInteger("failed_test", -1));
  }
}

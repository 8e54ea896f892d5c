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
 */
public record Verdict(VerdictReason reason, String detail, String verifier, long wallMs) {

  public Verdict {
    detail = detail == null ? "" : detail;
    verifier = verifier == null ? "" : verifier;
  }

  public boolean passed() {
    return reason == VerdictReason.OK;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("reason", reason.wire())
        .put("detail", detail)
        .put("verifier", verifier)
        .put("wall_ms", wallMs);
  }

  public static Verdict fromJson(JsonObject j) {
    return new Verdict(
        VerdictReason.parse(j.getString("reason")),
        j.getString("detail", ""),
        j.getString("verifier", ""),
        j.getLong("wall_ms", 0L));
  }
}

package dev.assay.store;

/**
 * A verdict as stored: the verifier's reason (its wire name, e.g. {@code ok}, {@code wrong_answer}),
 * its detail, which verifier decided and how long it took.
 */
public record StoredVerdict(String reason, String detail, String verifier, long wallMs) {
  public StoredVerdict {
    detail = detail == null ? "" : detail;
    verifier = verifier == null ? "" : verifier;
  }

  public boolean passed() {
    return "ok".equals(reason);
  }
}

package dev.assay.model;

/**
 * The marks the client and the simulated model server share. Real servers ignore the request
 * headers; {@link #VARS} is sent only to an endpoint configured as simulated.
 */
public final class AssayHeaders {
  /** What a request is for ({@code solve/math}, {@code propose/code-tasks}, ...), on every request. */
  public static final String TASK = "X-Assay-Task";
  /** Base64 (RFC 4648, with padding) of the JSON variables the messages were rendered from. */
  public static final String VARS = "X-Assay-Vars";
  /** Response header of the simulated model server: {@code true}. */
  public static final String SIMULATED = "X-Assay-Simulated";
  /** The simulated model server's {@code system_fingerprint} and {@code owned_by}. */
  public static final String FINGERPRINT = "assay-simulated";

  private AssayHeaders() {}
}

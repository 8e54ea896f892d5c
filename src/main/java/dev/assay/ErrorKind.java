package dev.assay;

/** What kind of failure an {@link AssayException} is; the CLI and HTTP edges map these once. */
public enum ErrorKind {
  /** Bad user input: a problem file, a request, an argument. */
  INVALID_INPUT,
  /** A configuration file or field is wrong. */
  CONFIG,
  /** The model endpoint could not be reached or kept failing after retries. */
  MODEL_UNAVAILABLE,
  /** The model answered with something that is not a usable completion. */
  MODEL_BAD_OUTPUT,
  /** Our sandbox infrastructure failed (not the candidate). */
  SANDBOX_INFRA,
  /** The database failed. */
  STORE,
  /** The state on disk is not what the command expects (e.g. a round that does not exist). */
  UNEXPECTED_STATE,
  /** A bug of ours. */
  INTERNAL
}

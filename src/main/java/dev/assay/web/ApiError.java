package dev.assay.web;

import dev.assay.AssayException;
import dev.assay.ErrorKind;

/**
 * An expected HTTP failure: a bad request naming its field (400), a refused Host or Origin (403),
 * an unknown id (404), a request that does not fit the current state (409) or a body that is not
 * JSON (415). Carries no stack trace.
 */
final class ApiError extends AssayException {
  final int status;
  final String field;

  private ApiError(int status, ErrorKind kind, String field, String message) {
    super(kind, message);
    this.status = status;
    this.field = field;
  }

  static ApiError field(String field, String message) {
    return new ApiError(400, ErrorKind.INVALID_INPUT, field, field + ": " + message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, ErrorKind.UNEXPECTED_STATE, null, message);
  }

  static ApiError conflict(String message) {
    return new ApiError(409, ErrorKind.UNEXPECTED_STATE, null, message);
  }

  /** A request refused before any handler ran: 403 (Host, Origin) or 415 (Content-Type). */
  static ApiError refused(int status, String message) {
    return new ApiError(status, ErrorKind.INVALID_INPUT, null, message);
  }

  static ApiError status(int status, String message) {
    return new ApiError(status, status == 503 ? ErrorKind.UNEXPECTED_STATE : ErrorKind.INTERNAL, null, message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** The HTTP status for any failure: ApiError's own, else by the AssayException's kind. */
  static int statusOf(Throwable t) {
    if (t instanceof ApiError a) {
      return a.status;
    }
    if (t instanceof AssayException a) {
      return switch (a.kind()) {
        case INVALID_INPUT, CONFIG -> 400;
        case UNEXPECTED_STATE -> 409;
        case MODEL_UNAVAILABLE, MODEL_BAD_OUTPUT, SANDBOX_INFRA -> 503;
        case STORE, INTERNAL -> 500;
      };
    }
    return 500;
  }
}

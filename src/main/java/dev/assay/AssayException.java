package dev.assay;

/**
 * The one exception type of Assay: something of ours (or the user's input) failed. A wrong
 * answer or a candidate's timeout is never an exception; it is a {@code Verdict}.
 */
public class AssayException extends RuntimeException {
  private final ErrorKind kind;

  public AssayException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public AssayException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }

  public static AssayException invalid(String message) {
    return new AssayException(ErrorKind.INVALID_INPUT, message);
  }

  public static AssayException config(String message) {
    return new AssayException(ErrorKind.CONFIG, message);
  }
}

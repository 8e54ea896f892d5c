package dev.assay.cli;

import dev.assay.AssayException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Exit codes, in one place: 0 ok, 2 invalid input or config, 3 unexpected state, 4 internal. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Some verified items failed (e.g. {@code verify code} with failing candidates). */
  public static final int NOT_ALL_PASSED = 1;
  public static final int INVALID_INPUT = 2;
  public static final int UNEXPECTED_STATE = 3;
  public static final int INTERNAL = 4;

  private ExitCodes() {}

  public static int of(Throwable t) {
    if (cause(t) instanceof AssayException a) {
      return switch (a.kind()) {
        case INVALID_INPUT, CONFIG -> INVALID_INPUT;
        case UNEXPECTED_STATE, MODEL_UNAVAILABLE, MODEL_BAD_OUTPUT -> UNEXPECTED_STATE;
        case SANDBOX_INFRA, STORE, INTERNAL -> INTERNAL;
      };
    }
    return INTERNAL;
  }

  /** Prints one line to stderr (a stack trace only with --verbose) and returns the exit code. */
  public static int handle(Exception ex, CommandLine cl, ParseResult parsed) {
    Throwable e = cause(ex);
    String kind = e instanceof AssayException a ? a.kind().name().toLowerCase() : "internal";
    System.err.println("assay: error (" + kind + "): " + e.getMessage());
    ParseResult leaf = parsed;
    while (leaf != null && leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    if (leaf != null && leaf.hasMatchedOption("--verbose") || !(e instanceof AssayException)) {
      ex.printStackTrace(System.err);
    }
    return of(ex);
  }

  /** The first {@link AssayException} in the cause chain, else the innermost cause. */
  private static Throwable cause(Throwable t) {
    Throwable e = t;
    while (e != null && !(e instanceof AssayException) && e.getCause() != null && e.getCause() != e) {
      e = e.getCause();
    }
    return e;
  }
}

package dev.assay;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.ExitCodes;
import picocli.CommandLine;

/** The {@code assay} command line: parse, run one command, map its outcome to an exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cl = new CommandLine(new AssayCommand());
    cl.setExecutionExceptionHandler(ExitCodes::handle);
    cl.setParameterExceptionHandler((ex, a) -> {
      System.err.println("assay: " + ex.getMessage());
      ex.getCommandLine().usage(System.err);
      return ExitCodes.INVALID_INPUT;
    });
    return cl.execute(args);
  }
}

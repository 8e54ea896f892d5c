package dev.assay.cli;

import picocli.CommandLine.Command;

/** The root command. */
@Command(
    name = "assay",
    mixinStandardHelpOptions = true,
    version = "assay 0.1.0",
    description = "Makes verified training data for code and math models: propose, solve, verify, keep, account.",
    subcommands = {
      RoundCommand.class,
      RunCommand.class,
      ServeCommand.class,
      WorkerCommand.class,
      ExportCommand.class,
      ReportCommand.class,
      VerifyCommand.class,
      SandboxCommand.class,
      DoctorCommand.class,
      PromptsCommand.class,
      BenchCommand.class
    })
public final class AssayCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}

package dev.assay.cli;

import dev.assay.config.AssayConfig;
import dev.assay.config.Outputs;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that runs the loop shares: the config and what overrides it. */
final class ConfigOptions {
  @Option(names = "--config", required = true, description = "Config file (YAML)")
  Path config;

  @Option(names = "--db", description = "Database file (overrides run.db)")
  Path db;

  @Option(names = "--out", description = "Output directory (overrides run.out)")
  Path out;

  @Option(names = "--verbose", description = "Stack traces on errors")
  boolean verbose;

  /**
   * The config file with the command line's overrides applied; CONFIG errors name file and field.
   * The output directory is checked here too, so an unusable {@code --out} fails before any work.
   */
  AssayConfig load() {
    AssayConfig cfg = Cli.config(config, db, out);
    Outputs.checkRound(cfg);
    return cfg;
  }
}

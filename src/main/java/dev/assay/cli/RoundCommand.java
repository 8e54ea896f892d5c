package dev.assay.cli;

import dev.assay.config.AssayConfig;
import dev.assay.loop.Rounds;
import dev.assay.report.TextReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code assay round}: runs, or resumes, one round. */
@Command(name = "round", mixinStandardHelpOptions = true,
    description = "Run one round (or resume an interrupted one): propose, solve, verify, keep, report.")
final class RoundCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();




  @Override
  public Integer call() {
    AssayConfig cfg = options.load();
    Rounds.check(cfg); // bad seed files or filter expressions fail here, before anything starts
    try (Cli cli = Cli.start()) {
      Stack stack = cli.await(Stack.deploy(cli.vertx, cfg));
      if (cfg.model().simulated()) {
        System.err.println("assay: model is SIMULATED (built-in simulated model server at " + stack.modelUrl
            + "), not a real LLM");
      }
      System.err.println("assay: sandbox " + stack.services.sandboxDescription() + "; database " + cfg.store().location(cfg.run().db()).describe());
      Rounds.Result r;
      try (ProgressPrinter progress = new ProgressPrinter(System.err, cli.vertx)) {
        r = cli.await(stack.runs().round(cfg, cfg.model().name(), progress, () -> false));
        progress.done();
      }
      System.out.print(TextReport.render(r.report()));
      System.out.println("samples: " + r.samples() + " (" + r.kept() + ")");
      System.out.println("report:  " + r.reportFile());
      return ExitCodes.OK;
    }
  }
}

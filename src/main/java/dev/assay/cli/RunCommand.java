package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.config.AssayConfig;
import dev.assay.loop.Rounds;
import dev.assay.loop.Runs;
import dev.assay.report.TextReport;
import dev.assay.store.ModelRecord;
import dev.assay.store.RoundInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay run}: R rounds in sequence (ReST-EM / STaR). Round k uses model M_k; its kept
 * samples form dataset D_k; the fine-tune hook then makes M_{k+1}, recorded in the model registry.
 * Rerunning continues where a killed run stopped: finished rounds are skipped, an interrupted round
 * resumes, a hook that did not run is called. The policy itself is {@link Runs}, shared with the daemon.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run R self-improvement rounds in sequence.")
final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--rounds", required = true, description = "Rounds the run should have in all") int rounds;

  @Override
  public Integer call() {
    if (rounds < 1 || rounds > 10_000) {
      throw AssayException.invalid("--rounds must be between 1 and 10000, got " + rounds);
    }
    AssayConfig base = options.load();
    Rounds.check(base);
    try (Cli cli = Cli.start()) {
      Stack stack = cli.await(Stack.deploy(cli.vertx, base));
      Runs runs = stack.runs();
      if (base.model().simulated()) {
        System.err.println("assay: model is SIMULATED (built-in simulated model server at " + stack.modelUrl + "), not a real LLM");
      }
      cli.await(runs.registerBase());
      ProgressPrinter progress = new ProgressPrinter(System.err, cli.vertx);
      while (true) {
        List<RoundInfo> done = cli.await(runs.doneRounds());
        if (done.size() >= rounds) {
          break;
        }
        if (!done.isEmpty()) {
          ModelRecord made = cli.await(runs.fineTuneIfDue());
          if (made != null) {
            System.err.println("assay: registered model " + made.name() + (made.simulated() ? " (SIMULATED)" : "")
                + " from round " + made.afterRound());
          }
        }
        int k = done.isEmpty() ? 1 : done.get(done.size() - 1).roundNo() + 1;
        AssayConfig cfg = base.withOut(base.run().out().resolve("round-" + k));
        System.err.println("assay: round " + k + " of " + rounds);
        Rounds.Result r = cli.await(runs.round(cfg, null, progress, () -> false));
        progress.done();
        System.out.print(TextReport.render(r.report()));
        System.out.println("samples: " + r.samples() + " (" + r.kept() + ")");
      }
      printRegistry(cli.await(stack.services.store().models().list(base.run().name())));
      return ExitCodes.OK;
    }
  }

  private static void printRegistry(List<ModelRecord> models) {
    System.out.println("model registry:");
    for (ModelRecord m : models) {
      System.out.printf("  %-28s after round %d  parent %-20s%s  dataset %s%n", m.name(), m.afterRound(),
          m.parent().isEmpty() ? "-" : m.parent(), m.simulated() ? "  SIMULATED" : "", m.dataset().isEmpty() ? "-" : m.dataset());
    }
  }
}

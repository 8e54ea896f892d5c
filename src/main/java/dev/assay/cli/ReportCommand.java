package dev.assay.cli;

import dev.assay.report.TextReport;
import dev.assay.store.Store;
import dev.assay.store.StoreClient;
import dev.assay.store.StoreVerticle;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay report}: prints a stored round's yield report. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Print the yield report of a stored round.")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--db", description = "Database file (default: data/assay.db)")
  Path db = Path.of("data/assay.db");

  @Option(names = "--run", description = "Run name (default: the newest round's run)")
  String run;

  @Option(names = "--round", description = "Round number (default: the newest)")
  int round;

  @Option(names = "--format", description = "text or json (default: text)")
  String format = "text";

  @Option(names = "--verbose", description = "Stack traces on errors")
  boolean verbose;

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw dev.assay.AssayException.invalid("--format must be text or json, got '" + format + "'");
    }
    if (!java.nio.file.Files.exists(db)) {
      throw new dev.assay.AssayException(dev.assay.ErrorKind.UNEXPECTED_STATE, db + ": no such database");
    }
    try (Cli cli = Cli.start()) {
      cli.await(cli.vertx.deployVerticle(new StoreVerticle(db), StoreVerticle.options()));
      Store store = StoreClient.create(cli.vertx);
      Store.RoundInfo r = cli.await(store.round(run, round));
      if (run == null && round > 0) {
        r = cli.await(store.round(r.run(), round));
      }
      JsonObject report = r.report();
      if (report == null) {
        throw new dev.assay.AssayException(dev.assay.ErrorKind.UNEXPECTED_STATE,
            "round " + r.roundNo() + " of run '" + r.run() + "' has not finished (state " + r.state() + ", stage "
                + r.stage() + "); rerun `assay round` to resume it");
      }
      System.out.println(format.equals("json") ? report.encodePrettily() : TextReport.render(report));
      return ExitCodes.OK;
    }
  }
}

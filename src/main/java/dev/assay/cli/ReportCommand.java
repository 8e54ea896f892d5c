package dev.assay.cli;

import dev.assay.report.TextReport;
import dev.assay.store.Store;
import dev.assay.store.StoreLocation;
import dev.assay.store.StoreVerticle;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay report}: prints a stored round's yield report. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Print the yield report of a stored round, or write a self-contained HTML report of a run's rounds.")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--db", description = "Database file (default: data/assay.db)")
  Path db = Path.of("data/assay.db");

  @Option(names = "--store", description = "A PostgreSQL store instead of --db: postgresql://[user@]host[:port]/database"
      + " (the password from ASSAY_PG_PASSWORD)")
  String store;

  @Option(names = "--run", description = "Run name (default: the newest round's run)")
  String run;

  @Option(names = "--round", description = "Round number, 1 or more (default: the newest)")
  Integer round;

  @Option(names = "--format", description = "text, json or html (default: text); html renders every finished round"
      + " of the run with charts and needs --out")
  String format = "text";

  @Option(names = "--all-rounds", description = "Every finished round of the run, side by side, with totals across rounds")
  boolean allRounds;

  @Option(names = "--out", description = "Output file (html format)")
  Path out;

  @Option(names = "--verbose", description = "Stack traces on errors")
  boolean verbose;

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json") && !format.equals("html")) {
      throw dev.assay.AssayException.invalid("--format must be text, json or html, got '" + format + "'");
    }
    if (format.equals("html") && out == null) {
      throw dev.assay.AssayException.invalid("--format html needs --out FILE");
    }
    if (round != null && round < 1) {
      throw dev.assay.AssayException.invalid("--round must be 1 or more, got " + round);
    }
    if (out != null) {
      dev.assay.config.Outputs.file(out, "--out"); // fails before the database is read
    }
    int round = this.round == null ? 0 : this.round;
    StoreLocation at = Stores.location(store, db);
    if (!at.postgres() && !java.nio.file.Files.exists(db)) {
      throw new dev.assay.AssayException(dev.assay.ErrorKind.UNEXPECTED_STATE, db + ": no such database");
    }
    try (Cli cli = Cli.start()) {
      cli.await(cli.vertx.deployVerticle(new StoreVerticle(at), StoreVerticle.options()));
      Store store = Store.client(cli.vertx);
      if (format.equals("html")) {
        return html(cli, store, round);
      }
      if (allRounds) {
        String name = run != null ? run : cli.await(store.rounds().get(null, 0)).run();
        java.util.List<JsonObject> reports = cli.await(store.rounds().list()).stream()
            .filter(x -> x.run().equals(name) && x.report() != null).map(dev.assay.store.RoundInfo::report).toList();
        System.out.print(format.equals("json")
            ? new JsonObject().put("run", name).put("rounds", new io.vertx.core.json.JsonArray(reports))
                .put("across_rounds", TextReport.acrossRounds(reports)).encodePrettily() + "\n"
            : TextReport.renderRounds(name, reports));
        return ExitCodes.OK;
      }
      dev.assay.store.RoundInfo r = cli.await(store.rounds().get(run, round));
      if (run == null && round > 0) {
        r = cli.await(store.rounds().get(r.run(), round));
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

  // --- html: every finished round of the run, with charts ---

  private int html(Cli cli, Store store, int round) {
    String name = run != null ? run : cli.await(store.rounds().get(null, 0)).run();
    java.util.List<JsonObject> reports = cli.await(store.rounds().list()).stream()
        .filter(r -> r.run().equals(name) && r.report() != null && (round <= 0 || r.roundNo() == round))
        .map(dev.assay.store.RoundInfo::report).toList();
    if (reports.isEmpty()) {
      throw new dev.assay.AssayException(dev.assay.ErrorKind.UNEXPECTED_STATE,
          "run '" + name + "' has no finished round in " + Stores.location(this.store, db).describe());
    }
    String html = dev.assay.report.HtmlReport.render("Assay yield report: run " + name, reports,
        dev.assay.web.Assets.text(dev.assay.web.Assets.chartJsPath()), dev.assay.web.Assets.text("web/charts.js"));
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        java.nio.file.Files.createDirectories(parent);
      }
      java.nio.file.Files.writeString(out, html);
    } catch (java.io.IOException e) {
      throw dev.assay.AssayException.invalid(out + ": cannot write: " + e.getMessage());
    }
    System.out.println("report: " + out + " (" + reports.size() + " round" + (reports.size() == 1 ? "" : "s") + ")");
    return ExitCodes.OK;
  }
}

package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.loop.SamplePrompts;
import dev.assay.loop.prompt.PromptBook;
import dev.assay.report.Exports;
import dev.assay.store.Store;
import dev.assay.store.StoreLocation;
import dev.assay.store.StoreVerticle;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay export}: kept samples as SFT, DPO or Alpaca JSONL, with a dataset card. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export kept samples for fine-tuning.")
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--db", description = "Database file (default: data/assay.db)") Path db = Path.of("data/assay.db");

  @Option(names = "--store", description = "A PostgreSQL store instead of --db: postgresql://[user@]host[:port]/database"
      + " (the password from ASSAY_PG_PASSWORD)")
  String store;

  @Option(names = "--run", description = "Run name (default: the newest round's run)") String run;

  @Option(names = "--round", required = true, description = "A round number, or all") String round;

  @Option(names = "--format", required = true, description = "sft, dpo or alpaca") String format;

  @Option(names = "--out", required = true, description = "Output JSONL file (README.md is written beside it)") Path out;

  @Option(names = "--force", description = "Replace --out and the README.md beside it even when Assay did not write them")
  boolean force;

  @Option(names = "--verbose", description = "Stack traces on errors") boolean verbose;

  @Override
  public Integer call() {
    int roundNo;
    if (round.equals("all")) {
      roundNo = 0;
    } else {
      try {
        roundNo = Integer.parseInt(round);
      } catch (NumberFormatException e) {
        throw AssayException.invalid("--round must be a round number or all, got '" + round + "'");
      }
      if (roundNo < 1) {
        throw AssayException.invalid("--round must be 1 or more, got " + roundNo);
      }
    }
    Exports.checkOut(out, force); // an unusable or foreign output fails here, before the database is opened
    StoreLocation at = Stores.location(store, db);
    if (!at.postgres() && !Files.exists(db)) {
      throw new AssayException(dev.assay.ErrorKind.UNEXPECTED_STATE, db + ": no such database");
    }
    try (Cli cli = Cli.start()) {
      cli.await(cli.vertx.deployVerticle(new StoreVerticle(at), StoreVerticle.options()));
      PromptBook shipped = PromptBook.shipped();
      JsonObject summary = cli.await(Exports.write(cli.vertx, Store.client(cli.vertx), run, roundNo, format, out, force,
          k -> SamplePrompts.of(k, shipped)));
      System.out.println(summary.encode());
      return ExitCodes.OK;
    }
  }
}

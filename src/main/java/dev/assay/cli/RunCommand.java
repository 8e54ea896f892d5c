package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.AssayConfig;
import dev.assay.loop.FineTuneHook;
import dev.assay.loop.Rounds;
import dev.assay.report.TextReport;
import dev.assay.store.Store;
import dev.assay.store.Store.ModelRecord;
import dev.assay.store.Store.RoundInfo;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay run}: R rounds in sequence (ReST-EM / STaR). Round k uses model M_k; its kept
 * samples form dataset D_k; the fine-tune hook then makes M_{k+1}, recorded in the model registry.
 * Rerunning continues where a killed run stopped: finished rounds are skipped, an interrupted round
 * resumes, a hook that did not run is called.
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
    String run = base.run().name();
    try (Cli cli = Cli.start()) {
      Stack stack = cli.await(Stack.deploy(cli.vertx, base));
      Store store = stack.services.store();
      if (base.model().simulated()) {
        System.err.println("assay: model is SIMULATED (built-in simulated model server at " + stack.modelUrl + "), not a real LLM");
      }
      if (cli.await(store.models(run)).isEmpty()) {
        cli.await(store.registerModel(new ModelRecord(base.model().name(), run, "", "",
            base.model().simulated() ? "simulated" : base.model().baseUrl(), base.model().simulated(), 0, Instant.now().toString())));
      }
      ProgressPrinter progress = new ProgressPrinter(System.err);
      while (true) {
        List<RoundInfo> done = cli.await(store.rounds()).stream()
            .filter(r -> r.run().equals(run) && "done".equals(r.state())).toList();
        List<ModelRecord> models = cli.await(store.models(run));
        int last = done.isEmpty() ? 0 : done.get(done.size() - 1).roundNo();
        if (base.hook().configured() && last > 0 && last < rounds && models.stream().noneMatch(m -> m.afterRound() == last)) {
          fineTune(cli, stack, base, store, models, last);
          continue;
        }
        if (done.size() >= rounds) {
          break;
        }
        int k = last + 1;
        ModelRecord m = modelFor(models, k - 1);
        if (m.simulated() && !m.dataset().isEmpty()) {
          registerSimulated(stack.modelUrl, m);
        }
        cli.await(stack.useModel(m.name(), m.baseUrl()));
        AssayConfig cfg = base.withOut(base.run().out().resolve("round-" + k)).withModel(withName(base.model(), m.name()));
        System.err.println("assay: round " + k + " of " + rounds + " with model " + m.name());
        Rounds.Result r = cli.await(Rounds.run(cli.vertx, cfg, stack.services, progress));
        progress.done();
        System.out.print(TextReport.render(r.report()));
        System.out.println("samples: " + r.samples() + " (" + r.kept() + ")");
      }
      printRegistry(cli.await(store.models(run)));
      return ExitCodes.OK;
    }
  }

  private void fineTune(Cli cli, Stack stack, AssayConfig base, Store store, List<ModelRecord> models, int round) {
    ModelRecord parent = modelFor(models, round - 1);
    Path dataset = base.run().out().resolve("round-" + round).resolve("samples.jsonl");
    Map<String, String> env = new HashMap<>();
    env.put("ASSAY_ROUND", String.valueOf(round));
    env.put("ASSAY_DATASET", dataset.toAbsolutePath().toString());
    if (base.model().simulated()) {
      env.put("ASSAY_SIMULATOR_URL", stack.modelUrl);
    }
    System.err.println("assay: fine-tune hook for round " + round + " on " + dataset);
    FineTuneHook.NewModel made = cli.await(cli.vertx.executeBlocking(
        () -> FineTuneHook.call(base.hook(), dataset, round, parent.name(), env), false));
    boolean simulated = made.answer().getBoolean("simulated", false) || base.model().simulated() && made.baseUrl() == null;
    ModelRecord next = new ModelRecord(made.name(), base.run().name(), parent.name(), dataset.toAbsolutePath().toString(),
        made.baseUrl() != null ? made.baseUrl() : parent.baseUrl(), simulated, round, Instant.now().toString());
    cli.await(store.registerModel(next));
    System.err.println("assay: registered model " + next.name() + (simulated ? " (SIMULATED)" : ""));
  }

  /** The model made after {@code round} (0 = the base model); the latest one before it when none. */
  private static ModelRecord modelFor(List<ModelRecord> models, int round) {
    ModelRecord best = models.get(0);
    for (ModelRecord m : models) {
      if (m.afterRound() <= round) {
        best = m;
      }
    }
    return best;
  }

  private static AssayConfig.Model withName(AssayConfig.Model m, String name) {
    return new AssayConfig.Model(m.simulated(), m.baseUrl(), name, m.apiKeyEnv(), m.temperature(), m.topP(), m.maxTokens(),
        m.timeoutMs(), m.maxRetries(), m.backoffBaseMs(), m.backoffMaxMs(), m.maxInFlight());
  }

  /** A simulated fine-tuned model lives in the simulator's memory: register it again after a restart. */
  private static void registerSimulated(String simulatorUrl, ModelRecord m) {
    String body = new JsonObject().put("name", m.name()).put("base_model", m.parent()).put("dataset", m.dataset()).encode();
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulatorUrl + "/v1/simulator/finetune"))
          .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new AssayException(ErrorKind.UNEXPECTED_STATE, "simulator refused to restore model " + m.name() + ": " + r.body());
      }
    } catch (java.io.IOException e) {
      throw new AssayException(ErrorKind.UNEXPECTED_STATE, "simulator unreachable restoring model " + m.name() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssayException(ErrorKind.INTERNAL, "interrupted");
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

package dev.assay.bench;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.AssayConfig;
import dev.assay.config.ConfigLoader;
import dev.assay.loop.Progress;
import dev.assay.loop.Rounds;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.model.ModelClient;
import dev.assay.store.Attempt;
import dev.assay.store.ProblemRow;
import dev.assay.store.RoundInfo;
import dev.assay.store.Solve;
import dev.assay.store.Store;
import dev.assay.store.StoreVerticle;
import dev.assay.store.StoredVerdict;
import dev.assay.store.Usage;
import dev.assay.store.VerdictOf;
import dev.assay.verify.Verification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code assay bench round}: a synthetic round of P problems x N attempts built through the store
 * (no model, no sandbox; about half the attempts verified ok, some duplicate texts), left at its
 * keep stage as a killed round would be, then resumed through {@link Rounds#run}: the time until its
 * first unfinished stage starts, then keep (which writes samples.jsonl's lines as it decides), report
 * and samples.jsonl (its lines moved into place), each timed.
 */
public final class RoundBench {
  private static final int BATCH = 500;

  private RoundBench() {}

  public static JsonObject run(Vertx vertx, Path dir, int problems, int samples) {
    try {
      Files.createDirectories(dir);
      Path seeds = Files.writeString(dir.resolve("seeds.jsonl"),
          "{\"id\":\"bench-1\",\"problem\":\"What is 1 + 1?\",\"answer\":\"2\"}\n");
      Path yaml = Files.writeString(dir.resolve("bench.yaml"), """
          run: {name: bench, seed: 1, db: %s, out: %s}
          model: {simulated: true}
          round: {seeds: [%s], samples_per_problem: %d, rationalize: false}
          keep: {max_solutions_per_problem: 4, filters: ["tokens < 4096"]}
          """.formatted(dir.resolve("bench.db"), dir.resolve("out"), seeds, samples));
      AssayConfig cfg = ConfigLoader.load(yaml, Map.of());
      await(vertx.deployVerticle(new StoreVerticle(cfg.run().db()), StoreVerticle.options()));
      Store store = Store.client(vertx);
      long t0 = System.nanoTime();
      build(store, cfg, problems, samples);
      double buildS = (System.nanoTime() - t0) / 1e9;
      Timing timing = new Timing();
      long start = System.nanoTime();
      Rounds.Result r = await(Rounds.run(vertx, cfg, new Rounds.Services(store, refuse(ModelClient.class),
          refuse(Verification.class), "none (bench)"), timing));
      double total = (System.nanoTime() - start) / 1e9;
      return new JsonObject().put("bench", "round").put("problems", problems).put("samples", samples)
          .put("attempts", (long) problems * samples).put("build_s", round(buildS))
          .put("resume_to_first_stage_s", round(timing.at("keep") - secs(start)))
          .put("keep_s", round(timing.at("report") - timing.at("keep")))
          .put("report_s", round(timing.at("output") - timing.at("report")))
          .put("samples_jsonl_s", round(timing.done("output") - timing.at("output")))
          .put("end_of_round_s", round(timing.done("output") - timing.at("keep")))
          .put("total_s", round(total)).put("kept", r.kept())
          .put("samples_jsonl_bytes", Files.size(r.samples()))
          .put("heap_max_mb", Runtime.getRuntime().maxMemory() >> 20).put("peak_rss_mb", peakRssMb());
    } catch (java.io.IOException e) {
      throw new AssayException(ErrorKind.INTERNAL, "bench round: " + e.getMessage(), e);
    }
  }

  /** P problems with N attempts each, verdicts for all, and the round stored at its keep stage. */
  private static void build(Store store, AssayConfig cfg, int problems, int samples) {
    RoundInfo round = await(store.rounds().open(cfg.run().name(), cfg.run().seed(), cfg.model().name(), true,
        Rounds.configJson(cfg)));
    long id = round.id();
    SplittableRandom rnd = new SplittableRandom(42);
    JsonArray prompt = new JsonArray().add(new JsonObject().put("role", "user").put("content", "Solve it."));
    for (int from = 0; from < problems; from += BATCH) {
      List<ProblemRow> rows = new ArrayList<>();
      List<Solve> solves = new ArrayList<>();
      List<VerdictOf> verdicts = new ArrayList<>();
      for (int i = from; i < Math.min(problems, from + BATCH); i++) {
        int a = rnd.nextInt(1000);
        int b = rnd.nextInt(1000);
        Problem p = Problem.of(Domain.MATH, "proposed", "bench-1", "", new JsonObject()
            .put("problem", "Synthetic problem " + i + ": a crate holds " + a + " apples and " + b
                + " pears. How many fruits are in the crate?").put("answer", String.valueOf(a + b)));
        rows.add(ProblemRow.valid(p));
        List<Attempt> attempts = new ArrayList<>();
        for (int j = 0; j < samples; j++) {
          boolean right = rnd.nextInt(100) < 55;
          int variant = rnd.nextInt(6); // few variants: some samples repeat a text (duplicates)
          String text = "We add " + a + " and " + b + " (way " + variant + "). " + "Counting carefully, ".repeat(1 + variant)
              + "the total is \\boxed{" + (right ? a + b : a + b + 1 + variant) + "}.";
          attempts.add(new Attempt(p.id(), j, Problem.hash(p.id() + "\n" + text), text, 40, text.length() / 4,
              "bench", j, "sample", false));
          verdicts.add(new VerdictOf(p.id(), j, new StoredVerdict(right ? "ok" : "wrong_answer", "", "math/1", 1)));
        }
        solves.add(new Solve(p.id(), new Usage(40 * samples, 300, 1, 5), null, attempts, prompt));
      }
      await(store.problems().save(id, rows));
      await(store.attempts().saveSolves(id, solves));
      await(store.attempts().saveVerdicts(id, verdicts));
    }
    for (String stage : List.of("propose", "screen", "solve", "agreement", "keep")) {
      await(store.rounds().stage(id, stage));
    }
  }

  /** Records when each stage (and the round's report and output steps) started and finished. */
  private static final class Timing implements Progress {
    private final Map<String, Double> started = new ConcurrentHashMap<>();
    private final Map<String, Double> finished = new ConcurrentHashMap<>();

    @Override
    public void round(RoundInfo round) {}

    @Override
    public void stage(String stage, int total) {
      started.putIfAbsent(stage, secs(System.nanoTime()));
    }

    @Override
    public void step(String stage) {
      finished.put(stage, secs(System.nanoTime()));
    }

    double at(String stage) {
      return started.getOrDefault(stage, Double.NaN);
    }

    double done(String stage) {
      return finished.getOrDefault(stage, Double.NaN);
    }
  }

  /** A service the bench must never reach (its stages are all finished): any call fails. */
  @SuppressWarnings("unchecked")
  private static <T> T refuse(Class<T> api) {
    return (T) Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (p, m, args) ->
        m.getDeclaringClass() == Object.class ? (m.getName().equals("toString") ? "refused " + api.getSimpleName() : null)
            : Future.failedFuture(new AssayException(ErrorKind.INTERNAL, "bench round called " + api.getSimpleName())));
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }

  private static double round(double s) {
    return Math.round(s * 1000) / 1000.0;
  }

  private static long peakRssMb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    return -1;
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(2, TimeUnit.HOURS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new AssayException(ErrorKind.INTERNAL, e.getMessage(), e);
    } catch (Exception e) {
      throw new AssayException(ErrorKind.INTERNAL, e.getMessage(), e);
    }
  }
}

package dev.assay.web;

import dev.assay.loop.Progress;
import dev.assay.loop.core.Domain;
import dev.assay.verify.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's {@link Progress}: keeps live counters of the current round (read by the status
 * endpoint and the dashboard), publishes each happening as {@code assay.events.<noun>} and updates
 * the Micrometer meters that {@code /metrics} exposes. Thread-safe and quick, as Progress requires.
 */
final class EventsProgress implements Progress {
  static final String PREFIX = "assay.events.";
  private static final Duration[] LATENCY_BUCKETS = java.util.stream.LongStream.of(10, 25, 50, 100, 250, 500, 1000,
      2500, 5000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
  private static final double[] VERIFY_MS_BUCKETS = {1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000};
  private final EventBus bus;
  private final MeterRegistry registry;
  private final Counter kept;
  private final AtomicLong keptTotal = new AtomicLong();
  private final AtomicLong tokensTotal = new AtomicLong();
  private final AtomicLong modelRequests = new AtomicLong();
  private final AtomicLong modelFailures = new AtomicLong();
  private final AtomicLong verdictsTotal = new AtomicLong();
  private volatile Live live = new Live(0);
  private volatile long lastModelFailureAt;
  private volatile long lastModelSuccessAt;
  private volatile String lastModelError = "";
  /** The model verticle's latest outage event while the endpoint is out, else null. */
  private volatile JsonObject outage;

  EventsProgress(EventBus bus, MeterRegistry registry) {
    this.bus = bus;
    this.registry = registry;
    bus.<JsonObject>consumer(PREFIX + "model", m -> {
      outage = m.body().getBoolean("outage", false) ? m.body() : null;
      if (outage != null) {
        lastModelError = outage.getString("last_error", lastModelError);
      }
    });
    this.kept = Counter.builder("assay.kept.samples").description("Samples kept (verified, deduplicated)")
        .register(registry);
  }

  /** Counters of one round as it runs. */
  private static final class Live {
    final int roundNo;
    final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
    final Map<String, Integer> totals = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> verdicts = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> problemDrops = new ConcurrentHashMap<>();
    volatile String stage = "start";
    volatile long kept = -1;

    Live(int roundNo) {
      this.roundNo = roundNo;
    }
  }

  @Override
  public void round(dev.assay.store.RoundInfo round) {
    live = new Live(round.roundNo());
    publish("round", new JsonObject().put("round", round.roundNo()).put("round_id", round.id()));
  }

  @Override
  public void stage(String stage, int total) {
    Live l = live;
    l.stage = stage;
    l.totals.put(stage, total);
    l.done.put(stage, new AtomicLong());
    publish("stage", new JsonObject().put("round", l.roundNo).put("stage", stage).put("total", total));
  }

  @Override
  public void step(String stage) {
    live.done.computeIfAbsent(stage, k -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void modelCall(String purpose, int promptTokens, int completionTokens, int requests, long latencyMs) {
    modelRequests.addAndGet(requests);
    tokensTotal.addAndGet((long) promptTokens + completionTokens);
    lastModelSuccessAt = System.currentTimeMillis();
    registry.counter("assay.model.requests", "purpose", purpose).increment(requests);
    registry.counter("assay.model.tokens", "purpose", purpose, "kind", "prompt").increment(promptTokens);
    registry.counter("assay.model.tokens", "purpose", purpose, "kind", "completion").increment(completionTokens);
    Timer.builder("assay.model.latency").description("Model call latency, retries included").tag("purpose", purpose)
        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(Duration.ofMillis(latencyMs));
  }

  @Override
  public void modelFailure(String purpose, String message) {
    modelFailures.incrementAndGet();
    lastModelFailureAt = System.currentTimeMillis();
    lastModelError = message == null ? "" : message;
    registry.counter("assay.model.failures", "purpose", purpose).increment();
    publish("model_failure", new JsonObject().put("purpose", purpose).put("message", lastModelError));
  }

  @Override
  public void verdict(Domain domain, Verdict verdict) {
    Live l = live;
    verdictsTotal.incrementAndGet();
    l.verdicts.computeIfAbsent(verdict.reason().wire(), k -> new AtomicLong()).incrementAndGet();
    registry.counter("assay.verdicts", "domain", domain.wire(), "reason", verdict.reason().wire()).increment();
    DistributionSummary.builder("assay.verify.latency.ms").description("Verification wall time (ms)")
        .tag("domain", domain.wire()).serviceLevelObjectives(VERIFY_MS_BUCKETS).register(registry).record(verdict.wallMs());
    if (domain == Domain.CODE) {
      // every code verdict is one sandbox run; its outcome is the verdict reason
      registry.counter("assay.sandbox.runs", "status", verdict.reason().wire()).increment();
    }
  }

  @Override
  public void problemDropped(Domain domain, String reason) {
    live.problemDrops.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
    registry.counter("assay.problems.dropped", "domain", domain.wire(), "reason", reason).increment();
  }

  @Override
  public void kept(int total) {
    Live l = live;
    l.kept = total;
    kept.increment(total);
    keptTotal.addAndGet(total);
    publish("kept", new JsonObject().put("round", l.roundNo).put("kept", total));
  }

  /** Whether the model failed recently and has not answered since. */
  boolean modelOutage() {
    return outage != null
        || lastModelFailureAt > lastModelSuccessAt && System.currentTimeMillis() - lastModelFailureAt < 120_000;
  }

  /** The live counters as the status endpoint and the dashboard show them. */
  JsonObject snapshot() {
    Live l = live;
    JsonObject done = new JsonObject();
    new TreeMap<>(l.done).forEach((k, v) -> done.put(k, v.get()));
    JsonObject totals = new JsonObject();
    new TreeMap<>(l.totals).forEach(totals::put);
    JsonObject verdicts = new JsonObject();
    new TreeMap<>(l.verdicts).forEach((k, v) -> verdicts.put(k, v.get()));
    JsonObject drops = new JsonObject();
    new TreeMap<>(l.problemDrops).forEach((k, v) -> drops.put(k, v.get()));
    long verified = l.verdicts.values().stream().mapToLong(AtomicLong::get).sum();
    long passed = l.verdicts.getOrDefault("ok", new AtomicLong()).get();
    long dropped = l.problemDrops.values().stream().mapToLong(AtomicLong::get).sum();
    int problems = l.totals.getOrDefault("solve", 0);
    JsonObject funnel = new JsonObject()
        .put("proposed", problems + dropped)
        .put("valid", problems)
        .put("attempts", verified)
        .put("verified", passed)
        .put("kept", Math.max(0, l.kept)); // known once the keep stage has run
    return new JsonObject()
        .put("round", l.roundNo)
        .put("stage", l.stage)
        .put("stage_totals", totals)
        .put("stage_done", done)
        .put("funnel", funnel)
        .put("verdicts", verdicts)
        .put("problem_drops", drops)
        .put("totals", new JsonObject()
            .put("kept", keptTotal.get())
            .put("tokens", tokensTotal.get())
            .put("model_requests", modelRequests.get())
            .put("model_failures", modelFailures.get())
            .put("verdicts", verdictsTotal.get()))
        .put("model", new JsonObject()
            .put("outage", modelOutage())
            .put("endpoint", outage == null ? null : outage.getString("endpoint"))
            .put("down_ms", outage == null ? 0L : outage.getLong("down_ms", 0L))
            .put("waiting", outage == null ? 0L : outage.getLong("waiting", 0L))
            .put("last_error", lastModelError)
            .put("last_failure_at", lastModelFailureAt)
            .put("last_success_at", lastModelSuccessAt));
  }

  private void publish(String noun, JsonObject body) {
    bus.publish(PREFIX + noun, body);
  }
}

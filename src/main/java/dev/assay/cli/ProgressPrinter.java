package dev.assay.cli;

import dev.assay.loop.Progress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows a round's progress on stderr: a redrawn bar with rate and ETA on a terminal, plain
 * periodic lines otherwise (logs, CI), at least one every 5 s even when nothing moves. While the
 * model endpoint is out (the model verticle's {@value #MODEL_EVENTS} events) each line says so:
 * for how long, how many requests wait, the last error.
 */
final class ProgressPrinter implements Progress, AutoCloseable {
  /** Where the model verticle publishes its outage state. */
  static final String MODEL_EVENTS = "assay.events.model";
  private static final long PLAIN_EVERY_MS = 5_000;
  private static final long BAR_EVERY_MS = 200;
  private final PrintStream err;
  private final boolean tty = System.console() != null;
  private final ConcurrentHashMap<String, AtomicLong> done = new ConcurrentHashMap<>();
  private volatile String stage = "";
  private volatile int total;
  private volatile long stageStart = System.nanoTime();
  private volatile long lastPrint;
  private volatile int roundNo;
  private volatile io.vertx.core.json.JsonObject outage;
  private final io.vertx.core.Vertx vertx;
  private final long timer;
  private final io.vertx.core.eventbus.MessageConsumer<io.vertx.core.json.JsonObject> events;

  ProgressPrinter(PrintStream err, io.vertx.core.Vertx vertx) {
    this.err = err;
    this.vertx = vertx;
    this.events = vertx.eventBus().consumer(MODEL_EVENTS, m -> {
      boolean was = outage != null;
      outage = m.body().getBoolean("outage", false) ? m.body() : null;
      if (was != (outage != null)) {
        print(true);
      }
    });
    this.timer = vertx.setPeriodic(PLAIN_EVERY_MS, t -> print(false));
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
    events.unregister();
  }

  @Override
  public void round(dev.assay.store.RoundInfo round) {
    this.roundNo = round.roundNo();
  }

  @Override
  public synchronized void stage(String stage, int total) {
    finishLine();
    this.stage = stage;
    this.total = total;
    this.stageStart = System.nanoTime();
    done.put(stage, new AtomicLong());
    print(true);
  }

  @Override
  public void step(String s) {
    done.computeIfAbsent(s, k -> new AtomicLong()).incrementAndGet();
    if (s.equals(stage) || s.equals("verify")) {
      print(false);
    }
  }

  synchronized void done() {
    print(true);
    finishLine();
  }

  private void finishLine() {
    if (tty && !stage.isEmpty()) {
      err.println();
    }
  }

  private String outageText() {
    io.vertx.core.json.JsonObject o = outage;
    return o == null ? "" : String.format(Locale.ROOT, "; MODEL OUTAGE at %s for %ds, %d requests waiting, last error: %s",
        o.getString("endpoint", "?"), o.getLong("down_ms", 0L) / 1000, o.getLong("waiting", 0L), o.getString("last_error", ""));
  }

  private synchronized void print(boolean force) {
    long now = System.currentTimeMillis();
    if (!force && now - lastPrint < (tty ? BAR_EVERY_MS : PLAIN_EVERY_MS)) {
      return;
    }
    lastPrint = now;
    long n = done.getOrDefault(stage, new AtomicLong()).get();
    double secs = Math.max(1e-3, (System.nanoTime() - stageStart) / 1e9);
    double rate = n / secs;
    String eta = rate > 0 && total > n ? String.format(Locale.ROOT, "%.0fs", (total - n) / rate) : "-";
    long verified = done.getOrDefault("verify", new AtomicLong()).get();
    if (tty) {
      int width = 30;
      int fill = total == 0 ? width : (int) Math.min(width, width * n / Math.max(1, total));
      err.printf(Locale.ROOT, "\rround %d %-8s [%s%s] %d/%d  %.1f/s  eta %s  verified %d%s   ", roundNo, stage,
          "#".repeat(fill), ".".repeat(width - fill), n, total, rate, eta, verified, outageText());
    } else {
      err.printf(Locale.ROOT, "assay: round %d %s %d/%d (%.1f/s, eta %s), %d attempts verified%s%n", roundNo, stage, n,
          total, rate, eta, verified, outageText());
    }
    err.flush();
  }
}

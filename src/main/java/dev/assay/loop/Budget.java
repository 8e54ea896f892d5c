package dev.assay.loop;

import dev.assay.config.AssayConfig;
import dev.assay.store.RoundInfo;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Continuous mode's stop rule: a target of kept samples, a token budget or an hours budget (0 = none). */
final class Budget {
  private Budget() {}

  /** Null while rounds should go on, else why they stop. Counts the finished rounds of {@code run}. */
  static String met(AssayConfig.Web w, List<RoundInfo> rounds, String run, long daemonStartedAtMs) {
    long kept = 0;
    long tokens = 0;
    for (RoundInfo r : rounds) {
      if (r.run().equals(run) && r.report() != null) {
        kept += r.report().getJsonObject("stages", new JsonObject()).getLong("kept", 0L);
        tokens += r.report().getJsonObject("tokens", new JsonObject()).getLong("total", 0L);
      }
    }
    if (w.targetKept() > 0 && kept >= w.targetKept()) {
      return "target met: " + kept + " kept samples >= " + w.targetKept();
    }
    if (w.budgetTokens() > 0 && tokens >= w.budgetTokens()) {
      return "token budget spent: " + tokens + " tokens >= " + w.budgetTokens();
    }
    double hours = (System.currentTimeMillis() - daemonStartedAtMs) / 3_600_000.0;
    if (w.budgetHours() > 0 && hours >= w.budgetHours()) {
      return "time budget spent: " + String.format(java.util.Locale.ROOT, "%.2f", hours) + " h >= " + w.budgetHours() + " h";
    }
    return null;
  }
}

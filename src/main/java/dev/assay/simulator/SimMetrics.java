package dev.assay.simulator;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator generated, for {@code GET /metrics} (Prometheus text, llama.cpp's names plus a
 * per-task count) and {@code GET /v1/simulator/stats} (JSON). Touched on the server's event loop only.
 */
final class SimMetrics {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong predicted = new AtomicLong();
  private final Map<String, Long> predictedByTask = new TreeMap<>();

  void request() {
    requests.incrementAndGet();
  }

  long requests() {
    return requests.get();
  }

  synchronized void generated(String task, int prompt, int tokens) {
    promptTokens.addAndGet(prompt);
    predicted.addAndGet(tokens);
    predictedByTask.merge(task.isEmpty() ? "none" : task, (long) tokens, Long::sum);
  }

  /** Completion tokens generated for tasks starting with {@code prefix} ("" = all). */
  synchronized long predicted(String prefix) {
    if (prefix.isEmpty()) {
      return predicted.get();
    }
    return predictedByTask.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue).sum();
  }

  synchronized JsonObject json() {
    JsonObject byTask = new JsonObject();
    predictedByTask.forEach(byTask::put);
    return new JsonObject().put("simulated", true).put("requests", requests.get())
        .put("prompt_tokens", promptTokens.get()).put("tokens_predicted", predicted.get())
        .put("tokens_predicted_by_task", byTask);
  }

  synchronized String prometheus() {
    StringBuilder s = new StringBuilder();
    counter(s, "llamacpp:prompt_tokens_total", "Number of prompt tokens processed (simulated).", promptTokens.get());
    counter(s, "llamacpp:tokens_predicted_total", "Number of generation tokens processed (simulated).", predicted.get());
    counter(s, "assay_simulator_requests_total", "Chat-completion requests received, faults included.", requests.get());
    s.append("# HELP assay_simulator_task_tokens_predicted_total Generation tokens by X-Assay-Task (simulated).\n")
        .append("# TYPE assay_simulator_task_tokens_predicted_total counter\n");
    predictedByTask.forEach((task, n) -> s.append("assay_simulator_task_tokens_predicted_total{task=\"")
        .append(task).append("\"} ").append(n).append('\n'));
    return s.toString();
  }

  private static void counter(StringBuilder s, String name, String help, long value) {
    s.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(value).append('\n');
  }
}

package dev.assay.verify.code;

import dev.assay.AssayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Verifies a file of tasks against one of their own fields, for {@code assay verify code FILE
 * --field canonical_solution}: read the JSONL, verify each task's field as the candidate with
 * bounded concurrency, report each outcome as it arrives and a summary at the end.
 */
public final class CodeBatch {

  /** One task's outcome. */
  public record Item(int index, CodeTask task, CodeVerdict verdict) {}

  /**
   * @param total tasks verified
   * @param passed tasks whose candidate passed
   * @param byReason verdict reason (wire form) to count
   * @param wallMs wall time of the whole batch
   */
  public record Summary(int total, int passed, Map<String, Integer> byReason, long wallMs) {
    /** e.g. "164/164 passed (ok=164) in 21034 ms". */
    public String line() {
      StringBuilder sb = new StringBuilder();
      byReason.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
      return passed + "/" + total + " passed (" + sb + ") in " + wallMs + " ms";
    }

    public JsonObject toJson() {
      return new JsonObject().put("total", total).put("passed", passed)
          .put("by_reason", new JsonObject(new java.util.LinkedHashMap<>(byReason)))
          .put("wall_ms", wallMs);
    }
  }

  private CodeBatch() {}

  /**
   * Reads a JSONL task file (blocking: call from a worker).
   *
   * @param format a format name, or null to detect each line's
   * @throws AssayException INVALID_INPUT naming the file and line of a bad line
   */
  public static List<CodeTask> readJsonl(Path file, String format) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw AssayException.invalid("cannot read " + file + ": " + e.getMessage());
    }
    List<CodeTask> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        out.add(CodeTask.fromJson(new JsonObject(lines.get(i)), format));
      } catch (DecodeException | AssayException e) {
        throw AssayException.invalid(file + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Verifies every task's {@code field} as its candidate, at most {@code concurrency} at a
   * time, calling {@code each} (in completion order) per task. Fails with INVALID_INPUT before
   * running anything when a task lacks the field.
   */
  public static Future<Summary> verifyAll(CodeVerifier verifier, List<CodeTask> tasks,
      String field, int concurrency, Consumer<Item> each) {
    List<String> cands = new ArrayList<>();
    try {
      tasks.forEach(t -> cands.add(t.field(field)));
    } catch (AssayException e) {
      return Future.failedFuture(e);
    }
    long t0 = System.nanoTime();
    Promise<Summary> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger passed = new AtomicInteger();
    Map<String, Integer> reasons = new TreeMap<>();
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= tasks.size()) {
        return;
      }
      verifier.verify(tasks.get(i), cands.get(i)).onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
          return;
        }
        synchronized (reasons) {
          reasons.merge(ar.result().verdict().reason().wire(), 1, Integer::sum);
        }
        if (ar.result().passed()) {
          passed.incrementAndGet();
        }
        each.accept(new Item(i, tasks.get(i), ar.result()));
        if (finished.incrementAndGet() == tasks.size()) {
          done.tryComplete(new Summary(tasks.size(), passed.get(),
              java.util.Collections.unmodifiableMap(new TreeMap<>(reasons)),
              (System.nanoTime() - t0) / 1_000_000));
        } else {
          pump[0].run();
        }
      });
    };
    if (tasks.isEmpty()) {
      return Future.succeededFuture(new Summary(0, 0, Map.of(), 0));
    }
    for (int k = 0; k < Math.max(1, concurrency); k++) {
      pump[0].run();
    }
    return done.future();
  }
}

package dev.assay.cluster;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.verify.SampleCheck;
import dev.assay.verify.Verdict;
import dev.assay.verify.Verification;
import dev.assay.verify.proposal.GeneratedSuite;
import dev.assay.verify.proposal.ProgramAnswer;
import dev.assay.verify.proposal.ProposedProgram;
import dev.assay.verify.proposal.SuiteJudgement;
import dev.assay.verify.proposal.TaskValidation;
import dev.assay.verify.tool.ToolResult;
import dev.assay.verify.tool.ToolRun;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop's {@link Verification} in a cluster: each call takes a slot on a live worker
 * ({@link Workers#acquire}: the in-flight limit is the live workers' summed capacity) and is sent to that
 * worker's verifiers. A call whose worker vanishes (it leaves, goes silent, has no handler any more, or
 * gives no answer within a deadline derived from its sandbox's wall-time limit) or whose sandbox
 * failed is sent to another worker, at most {@code retries} more times; a wrong answer is a verdict,
 * never retried. Running a verification twice is harmless: it is a pure function of its input, and the
 * verdict is stored once per attempt key by the coordinator.
 */
final class ClusterVerification implements Verification {
  private static final Logger log = LoggerFactory.getLogger(ClusterVerification.class);
  /** The shortest wall-time one sandbox step is given (a proposal validator run's own default). */
  private static final long MIN_STEP_MS = 8_000;
  private final Vertx vertx;
  private final Workers workers;
  private final int retries;
  private final long waitMs;

  ClusterVerification(Vertx vertx, Workers workers, int retries, long waitMs) {
    this.vertx = vertx;
    this.workers = workers;
    this.retries = retries;
    this.waitMs = waitMs;
  }

  /**
   * How long {@code method} may take on a worker whose sandbox limit is {@code timeoutMs}: its sequential
   * sandbox steps (a sample or a tool call 1, a program's answer 2, a proposal 4, a suite with its
   * candidates 8), each twice (a timeout under contention is run once more), one more for the worker's
   * queue, and 10 s for the wire.
   */
  static long deadlineMs(String method, long timeoutMs) {
    int steps = switch (method) {
      case "sample", "tool" -> 1;
      case "answer" -> 2;
      case "program" -> 4;
      default -> 8;
    };
    return (2L * steps + 1) * Math.max(timeoutMs, MIN_STEP_MS) + 10_000;
  }

  /** The longest any call may take: a worker's bus timeout. */
  static long longestMs(long timeoutMs) {
    return deadlineMs("suite", timeoutMs);
  }

  @Override
  public Future<Verdict> sample(SampleCheck check) {
    return call("sample", v -> v.sample(check));
  }

  @Override
  public Future<TaskValidation> program(ProposedProgram program) {
    return call("program", v -> v.program(program));
  }

  @Override
  public Future<SuiteJudgement> suite(GeneratedSuite suite) {
    return call("suite", v -> v.suite(suite));
  }

  @Override
  public Future<ProgramAnswer> answer(String program) {
    return call("answer", v -> v.answer(program));
  }

  @Override
  public Future<ToolResult> tool(ToolRun run) {
    return call("tool", v -> v.tool(run));
  }

  private <T> Future<T> call(String method, Function<Verification, Future<T>> f) {
    return attempt(method, f, 0, new HashSet<>());
  }

  private <T> Future<T> attempt(String method, Function<Verification, Future<T>> f, int done, Set<String> tried) {
    Promise<T> result = Promise.promise();
    String[] on = new String[1];
    workers.acquire(tried, result, waitMs).onComplete(got -> {
      if (got.failed()) {
        result.tryFail(got.cause()); // no worker within the wait: already waited, not retried
        return;
      }
      Workers.Lease lease = got.result();
      on[0] = lease.worker().info.id();
      long deadline = deadlineMs(method, lease.worker().info.timeoutMs());
      long timer = vertx.setTimer(deadline, id -> result.tryFail(new AssayException(ErrorKind.SANDBOX_INFRA,
          "cluster worker " + on[0] + " gave no answer to " + method + " within " + deadline + " ms")));
      Future<T> sent;
      try {
        sent = f.apply(lease.worker().client);
      } catch (RuntimeException e) {
        sent = Future.failedFuture(e);
      }
      sent.onComplete(ar -> {
        if (ar.succeeded()) {
          result.tryComplete(ar.result());
        } else {
          result.tryFail(ar.cause());
        }
      });
      result.future().onComplete(x -> {
        vertx.cancelTimer(timer);
        workers.release(lease);
      });
    });
    return result.future().recover(e -> {
      if (on[0] == null || !retryable(e) || done >= retries) {
        return Future.failedFuture(e);
      }
      tried.add(on[0]);
      log.warn("verification {} on worker {} failed ({}); sending it to another worker ({} of {} retries)", method, on[0],
          e.getMessage(), done + 1, retries);
      return attempt(method, f, done + 1, tried);
    });
  }

  /** Our infrastructure failed (a worker or its sandbox); a bad request or our own bug is not retried. */
  private static boolean retryable(Throwable e) {
    return e instanceof AssayException a && a.kind() == ErrorKind.SANDBOX_INFRA;
  }
}

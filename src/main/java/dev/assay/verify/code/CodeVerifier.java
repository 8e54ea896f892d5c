package dev.assay.verify.code;

import dev.assay.AssayException;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.verify.Verdict;
import dev.assay.verify.VerdictReason;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs a candidate against a task's tests in the sandbox and returns a {@link CodeVerdict}
 * with per-test results. Python function tasks ({@code humaneval}, {@code mbpp}, {@code seed},
 * call-based {@code call}) run in the Python harness below; stdin/stdout tasks ({@code io}) in
 * any sandbox language run as one test plan ({@link StdioVerifier}); Java tasks in the Java
 * harness.
 *
 * <p>The candidate cannot fake a pass: the harness reads a random per-run nonce from stdin
 * before the candidate exists, runs candidate and tests in a forked child that never holds
 * the nonce, and prints the only line starting with the nonce from the parent after checking
 * that every test reported, in order, and the child reached the end. A missing, duplicated
 * or malformed report line is a failure.
 *
 * <p>The future fails only when the task itself is unusable ({@code INVALID_INPUT}) or the
 * sandbox is broken (SANDBOX_INFRA); whatever the candidate does is a verdict.
 */
public final class CodeVerifier {

  public static final String VERSION = "code/1";
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_MEMORY_MB = 512;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** By default a stdin/stdout task's tests together may use this much CPU time. */
  public static final long DEFAULT_TOTAL_TIMEOUT_MS = 60_000;

  /**
   * The limits candidates are verified with.
   *
   * @param timeoutMs CPU-time limit of one candidate run with all its tests (Python functions),
   *     or of each test of a stdin/stdout task that names no {@code time_limit_ms}
   * @param memoryMb memory limit of a candidate run
   * @param allTests run every test of a stdin/stdout task even after one failed (config
   *     {@code verify.code.all_tests}); by default the first failure ends it
   * @param totalTimeoutMs CPU time all tests of a stdin/stdout task may use together, when the
   *     task names no {@code total_time_limit_ms} (config {@code verify.code.total_timeout_ms})
   */
  public record Limits(long timeoutMs, int memoryMb, boolean allTests, long totalTimeoutMs) {
    public Limits {
      if (timeoutMs < 1 || memoryMb < 16 || totalTimeoutMs < 1) {
        throw new IllegalArgumentException("code verification limits must be positive (memory >= 16 MB)");
      }
    }

    public static Limits of(long timeoutMs, int memoryMb) {
      return new Limits(timeoutMs, memoryMb, false, DEFAULT_TOTAL_TIMEOUT_MS);
    }
  }

  private final Sandbox sandbox;
  private final Limits limits;
  private final long timeoutMs;
  private final int memoryMb;

  /** A verifier with {@code limits}; {@code sandbox} is where candidates run. */
  public CodeVerifier(Sandbox sandbox, Limits limits) {
    this.sandbox = sandbox;
    this.limits = limits;
    this.timeoutMs = limits.timeoutMs();
    this.memoryMb = limits.memoryMb();
  }

  /**
   * @param sandbox where candidates run
   * @param timeoutMs wall-time limit for one candidate with all its tests
   * @param memoryMb memory limit for one candidate run
   */
  public CodeVerifier(Sandbox sandbox, long timeoutMs, int memoryMb) {
    this(sandbox, Limits.of(timeoutMs, memoryMb));
  }

  public CodeVerifier(Sandbox sandbox) {
    this(sandbox, DEFAULT_TIMEOUT_MS, DEFAULT_MEMORY_MB);
  }

  /** Verifies one candidate; see the class comment for when the future fails. */
  public Future<CodeVerdict> verify(CodeTask task, String candidate) {
    if (candidate == null || candidate.isBlank()) {
      return Future.succeededFuture(new CodeVerdict(
          new Verdict(VerdictReason.NO_ANSWER, "empty candidate", VERSION, 0), List.of(), null));
    }
    if ("io".equals(task.format())) {
      return StdioVerifier.verify(sandbox, task, candidate, limits).compose(CodeVerifier::infra);
    }
    if ("java".equals(task.format()) && task.hasIoCases()) {
      return JavaIo.verify(sandbox, task, candidate, timeoutMs, memoryMb).compose(CodeVerifier::infra);
    }
    String nonce = nonce();
    SandboxSpec spec;
    try {
      spec = "java".equals(task.format())
          ? JavaHarness.spec(task, candidate, nonce, timeoutMs, memoryMb)
          : PythonHarness.spec(PythonHarness.source(task, candidate, timeoutMs),
              PythonHarness.stdin(nonce, task), timeoutMs, memoryMb);
    } catch (AssayException e) {
      return Future.failedFuture(e);
    }
    return sandbox.run(spec)
        .map(r -> CodeVerdicts.of(r, HarnessReport.find(r.stdout(), nonce), r.wallMs()))
        .compose(CodeVerifier::infra);
  }

  /**
   * A run the sandbox (or the harness protocol) broke is our failure, not the candidate's: the
   * future fails SANDBOX_INFRA, so nothing is recorded against the candidate.
   */
  static Future<CodeVerdict> infra(CodeVerdict v) {
    return v.verdict().reason() == VerdictReason.SANDBOX_ERROR
        ? Future.failedFuture(new AssayException(dev.assay.ErrorKind.SANDBOX_INFRA,
            "the sandbox failed running a candidate: " + v.verdict().detail()))
        : Future.succeededFuture(v);
  }

  public Limits limits() {
    return limits;
  }

  public long timeoutMs() {
    return timeoutMs;
  }

  public int memoryMb() {
    return memoryMb;
  }

  /** A fresh random token a harness proves its report with. */
  public static String nonce() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}

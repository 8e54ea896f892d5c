package dev.assay.verify.proposal;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TinyGSM-style program-aided answers: the proposer's program runs twice in the sandbox and its
 * printed result becomes the reference answer. Never trusts the model's text for the answer.
 */
public final class ProgramAnswers {
  private static final Pattern FRACTION = Pattern.compile("Fraction\\((-?\\d+), (\\d+)\\)");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final String RUNNER = "\n\nif __name__ == '__main__':\n    print(repr(solution()))\n";

  private ProgramAnswers() {}

  /** Runs the program twice and reads its answer; fails only when the sandbox itself fails. */
  public static Future<ProgramAnswer> answer(Sandbox sandbox, String program, long timeoutMs, int memoryMb) {
    SandboxSpec spec = SandboxSpec.python(program + RUNNER).withLimits(timeoutMs, memoryMb);
    return sandbox.run(spec).compose(first -> {
      if (!first.ok()) {
        return Future.succeededFuture(failed(first));
      }
      return sandbox.run(spec).map(second -> {
        if (!second.ok()) {
          return failed(second);
        }
        if (!first.stdout().equals(second.stdout())) {
          return new ProgramAnswer(null, Rejection.NONDETERMINISTIC, "two runs printed " + brief(first.stdout()) + " and " + brief(second.stdout()));
        }
        String a = parse(first.stdout().strip());
        return a == null
            ? new ProgramAnswer(null, Rejection.UNPARSEABLE_ANSWER, "solution() returned " + brief(first.stdout()))
            : new ProgramAnswer(a, null, "");
      });
    });
  }

  private static ProgramAnswer failed(SandboxResult r) {
    if (r.status() == dev.assay.sandbox.SandboxStatus.SANDBOX_ERROR) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "the sandbox failed running a proposed program: " + r.detail());
    }
    String tail = r.stderr().strip();
    tail = tail.length() > 200 ? tail.substring(tail.length() - 200) : tail;
    return new ProgramAnswer(null, Rejection.PROGRAM_FAILED, r.status().wire() + ": " + tail);
  }

  /** A number as an exact answer string: an integer, a reduced fraction a/b, or a decimal. */
  static String parse(String repr) {
    Matcher f = FRACTION.matcher(repr);
    if (f.matches()) {
      return f.group(2).equals("1") ? f.group(1) : f.group(1) + "/" + f.group(2);
    }
    if (!NUMBER.matcher(repr).matches()) {
      return null;
    }
    BigDecimal d = new BigDecimal(repr).stripTrailingZeros();
    return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
  }

  private static String brief(String s) {
    s = s.strip();
    return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 60) + "...'";
  }

}

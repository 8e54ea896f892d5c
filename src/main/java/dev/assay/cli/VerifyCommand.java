package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.Sandboxes;
import dev.assay.verify.code.CodeBatch;
import dev.assay.verify.code.CodeTask;
import dev.assay.verify.code.CodeVerdict;
import dev.assay.verify.code.CodeVerifier;
import dev.assay.verify.math.AnswerFormat;
import dev.assay.verify.math.ExtractionMode;
import dev.assay.verify.math.MatchMode;
import dev.assay.verify.math.MathChecker;
import dev.assay.verify.math.MathLine;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay verify math|code FILE}: checks candidates outside a round, one JSON line each. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify candidates from a JSONL file.",
    subcommands = {VerifyCommand.MathCmd.class, VerifyCommand.CodeCmd.class})
final class VerifyCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  @Command(name = "math", mixinStandardHelpOptions = true,
      description = "Lines {gold, pred[, match, precision, strict, allow_set_relation_comp, extraction, answer_format]}:"
          + " is pred equivalent to gold? Exit 0 when every line is, 1 when some line is not.")
  static final class MathCmd implements Callable<Integer> {
    @Parameters(index = "0", description = "JSONL file") Path file;

    @Option(names = "--mode", description = "Extraction patterns for every line: auto, latex, expr, latex+expr (default: each line's match, else auto)")
    String mode;

    @Option(names = "--extraction", description = "strict (the answer only from the asked-for place) or lenient"
        + " (anywhere, as Math-Verify does) for every line (default: each line's extraction, else lenient)")
    String extraction;

    @Option(names = "--answer-format", description = "Where strict extraction reads: boxed, line, boxed_or_line or"
        + " regex:<pattern with one group> (default: each line's answer_format, else boxed_or_line)")
    String answerFormat;

    @Option(names = "--verbose") boolean verbose;

    @Override
    public Integer call() {
      MathLine.Overrides over = new MathLine.Overrides(
          mode == null ? null : option("--mode", () -> MatchMode.parse(mode)),
          extraction == null ? null : option("--extraction", () -> ExtractionMode.parse(extraction)),
          answerFormat == null ? null : option("--answer-format", () -> AnswerFormat.parse(answerFormat)));
      List<Jsonl.Line> lines = Jsonl.read(file);
      MathChecker checker = MathChecker.create();
      List<JsonObject> results = new ArrayList<>();
      for (Jsonl.Line l : lines) {
        try {
          results.add(new JsonObject().put("line", l.number()).mergeIn(MathLine.check(checker, l.json(), over)));
        } catch (AssayException e) {
          throw AssayException.invalid(file + ":" + l.number() + ": " + e.getMessage());
        }
      }
      int equal = 0;
      for (JsonObject out : results) {
        equal += out.getBoolean("equivalent") ? 1 : 0;
        System.out.println(out.encode());
      }
      System.err.println("assay: " + equal + "/" + lines.size() + " equivalent");
      return equal == lines.size() ? ExitCodes.OK : ExitCodes.NOT_ALL_PASSED;
    }

    private static <T> T option(String name, java.util.function.Supplier<T> parse) {
      try {
        return parse.get();
      } catch (AssayException e) {
        throw AssayException.invalid(name + " " + e.getMessage());
      }
    }
  }

  @Command(name = "code", mixinStandardHelpOptions = true,
      description = "HumanEval/MBPP/seed/io-format lines: does the candidate in --field pass the task's tests?")
  static final class CodeCmd implements Callable<Integer> {
    @Parameters(index = "0", description = "JSONL file") Path file;

    @Option(names = "--field", description = "Field holding the candidate (default: completion for HumanEval, code for MBPP)")
    String field;

    @Option(names = "--config", description = "Config file whose sandbox section to use (default: the built-in defaults)")
    Path config;

    @Option(names = "--concurrency", description = "Candidates verified at once (default: the sandbox pool size)")
    Integer concurrency;

    @Option(names = "--verbose") boolean verbose;

    @Override
    public Integer call() {
      List<Jsonl.Line> lines = Jsonl.read(file);
      List<CodeTask> tasks = new ArrayList<>();
      for (Jsonl.Line l : lines) {
        try {
          tasks.add(CodeTask.fromJson(l.json(), null));
        } catch (AssayException e) {
          throw AssayException.invalid(file + ":" + l.number() + ": " + e.getMessage());
        }
      }
      String f = field != null ? field : tasks.isEmpty() ? "completion"
          : switch (tasks.get(0).format()) {
            case "humaneval" -> "completion";
            case "mbpp" -> "code";
            default -> "solution";
          };
      for (int i = 0; i < tasks.size(); i++) {
        if (!(tasks.get(i).raw().getValue(f) instanceof String)) {
          throw AssayException.invalid(file + ":" + lines.get(i).number() + ": field '" + f + "' (the candidate)"
              + (tasks.get(i).raw().getValue(f) == null ? " is missing" : " must be a string"));
        }
      }
      var sbOpts = config == null ? dev.assay.sandbox.SandboxOptions.defaults() : Stack.sandboxOptions(Cli.config(config, null, null));
      try (Cli cli = Cli.start()) {
        Sandbox sandbox = Sandboxes.create(cli.vertx, sbOpts);
        try {
          CodeVerifier verifier = new CodeVerifier(sandbox, sbOpts.timeoutMs(), sbOpts.memoryMb());
          CodeBatch.Item[] items = new CodeBatch.Item[tasks.size()];
          int width = concurrency != null ? concurrency : Math.max(1, sbOpts.poolSize());
          CodeBatch.Summary summary = cli.await(CodeBatch.verifyAll(verifier, tasks, f, width, it -> items[it.index()] = it));
          for (CodeBatch.Item it : items) {
            CodeVerdict v = it.verdict();
            System.out.println(new JsonObject().put("task_id", it.task().id()).put("passed", v.passed())
                .put("reason", v.verdict().reason().wire()).put("detail", v.verdict().detail())
                .put("tests_passed", v.testsPassed()).put("tests", v.tests().size())
                .put("wall_ms", v.run() == null ? v.verdict().wallMs() : v.run().wallMs()).encode());
          }
          System.err.println("assay: " + summary.line() + " (sandbox: " + sandbox.describe() + ")");
          return summary.passed() == summary.total() ? ExitCodes.OK : ExitCodes.NOT_ALL_PASSED;
        } finally {
          cli.await(sandbox.close());
        }
      }
    }
  }
}

package dev.assay.verify;

import dev.assay.config.AssayConfig;
import dev.assay.sandbox.Sandbox;
import dev.assay.verify.code.AzProblem;
import dev.assay.verify.code.AzTasks;
import dev.assay.verify.code.CodeTask;
import dev.assay.verify.code.CodeVerifier;
import dev.assay.verify.math.AnswerFormat;
import dev.assay.verify.math.ExtractionMode;
import dev.assay.verify.math.MatchMode;
import dev.assay.verify.math.MathCheck;
import dev.assay.verify.math.MathChecker;
import dev.assay.verify.math.MathOptions;
import dev.assay.verify.proposal.GeneratedSuite;
import dev.assay.verify.proposal.ProgramAnswer;
import dev.assay.verify.proposal.ProgramAnswers;
import dev.assay.verify.proposal.ProposedProgram;
import dev.assay.verify.proposal.SuiteJudgement;
import dev.assay.verify.proposal.TaskValidation;
import dev.assay.verify.proposal.TaskValidator;
import dev.assay.verify.proposal.TestSuiteJudge;
import dev.assay.verify.tool.ToolResult;
import dev.assay.verify.tool.ToolRun;
import dev.assay.verify.tool.ToolRunner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The verifiers behind {@link Verification}: math on a worker thread, everything else in the sandbox. */
final class Verifiers implements Verification {
  private final Vertx vertx;
  private final AssayConfig.Verify options;
  private final Sandbox sandbox;
  private final long timeoutMs;
  private final int memoryMb;
  private final MathChecker math = MathChecker.create();
  private final CodeVerifier code;
  private final AzTasks reasoning;
  private final TaskValidator validator;
  private final TestSuiteJudge judge;

  Verifiers(Vertx vertx, AssayConfig.Verify options, Sandbox sandbox, long timeoutMs, int memoryMb) {
    this.vertx = vertx;
    this.options = options;
    this.sandbox = sandbox;
    this.timeoutMs = timeoutMs;
    this.memoryMb = memoryMb;
    this.code = new CodeVerifier(sandbox, new CodeVerifier.Limits(timeoutMs, memoryMb, options.codeAllTests(),
        options.codeTotalTimeoutMs()));
    this.reasoning = new AzTasks(sandbox, code);
    this.validator = new TaskValidator(sandbox);
    this.judge = new TestSuiteJudge(code);
  }

  @Override
  public Future<Verdict> sample(SampleCheck c) {
    String answer = FinalAnswer.of(c.completion());
    boolean math = c.kind() == SampleCheck.Kind.MATH;
    if (answer == null) {
      return Future.succeededFuture(new Verdict(VerdictReason.NO_ANSWER, FinalAnswer.UNFINISHED,
          math ? MathChecker.VERSION : CodeVerifier.VERSION, 0));
    }
    return math ? math(c.task().getString("answer", ""), answer, c.answerFormat()) : code(c.task(), answer);
  }

  private Future<Verdict> math(String gold, String completion, String format) {
    MathOptions mo = new MathOptions(MatchMode.AUTO, options.mathPrecision(), true, false, options.mathTimeoutMs())
        .withExtraction(ExtractionMode.parse(options.mathExtraction()))
        .withFormat(format.isEmpty() ? AnswerFormat.DEFAULT : AnswerFormat.parse(format));
    return vertx.executeBlocking(() -> {
      long t0 = System.nanoTime();
      MathCheck c = math.check(gold, completion, mo);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new Verdict(MathVerdicts.reason(c.reason()), MathVerdicts.detail(c), MathChecker.VERSION, ms);
    }, false);
  }

  private Future<Verdict> code(io.vertx.core.json.JsonObject t, String completion) {
    if ("az".equals(t.getString("format"))) {
      AzProblem az = AzProblem.fromJson(t.getJsonObject("az"));
      String answer = az.type().equals("induction") ? CodeBlocks.extract(completion) : CodeBlocks.boxed(completion);
      return answer.isBlank()
          ? Future.succeededFuture(new Verdict(VerdictReason.NO_ANSWER, "no answer in the completion", AzTasks.VERSION, 0))
          : reasoning.check(az, answer);
    }
    CodeTask task = CodeTask.fromJson(t, t.getString("format", "seed"));
    String candidate = CodeBlocks.extract(completion, task.candidateLanguage());
    if (candidate.isBlank()) {
      return Future.succeededFuture(new Verdict(VerdictReason.NO_ANSWER, "no code in the completion", CodeVerifier.VERSION, 0));
    }
    return code.verify(task, candidate).map(cv -> cv.verdict());
  }

  @Override
  public Future<TaskValidation> program(ProposedProgram program) {
    return validator.validate(program);
  }

  @Override
  public Future<SuiteJudgement> suite(GeneratedSuite suite) {
    return judge.judge(suite);
  }

  @Override
  public Future<ProgramAnswer> answer(String program) {
    return ProgramAnswers.answer(sandbox, program, timeoutMs, memoryMb);
  }

  @Override
  public Future<ToolResult> tool(ToolRun run) {
    return ToolRunner.run(sandbox, run);
  }
}

package dev.assay.loop;

import static dev.assay.loop.StageHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.model.ModelClient;
import dev.assay.store.Attempt;
import dev.assay.store.ProblemRow;
import dev.assay.store.SampleKey;
import dev.assay.verify.SampleCheck;
import dev.assay.verify.Verdict;
import dev.assay.verify.Verification;
import dev.assay.verify.proposal.GeneratedSuite;
import dev.assay.verify.proposal.ProgramAnswer;
import dev.assay.verify.proposal.ProposedProgram;
import dev.assay.verify.proposal.SuiteJudgement;
import dev.assay.verify.proposal.TaskValidation;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each stage in this JVM with the real parts (SQLite, the simulated model over HTTP, the process
 * sandbox): what it stores, and that running it again asks the model for nothing more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StagesTest {
  Path dir;
  StageHarness h;
  RoundContext base;
  final AtomicInteger modelCalls = new AtomicInteger();

  @BeforeAll
  void start() throws Exception {
    dir = java.nio.file.Files.createTempDirectory("assay-stages");
    h = StageHarness.start(dir);
    base = h.context();
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
    StageHarness.delete(dir);
  }

  /** The context with a model client that counts the requests it is asked for. */
  RoundContext counted(Verification verification) {
    ModelClient real = base.model();
    ModelClient counting = req -> {
      modelCalls.incrementAndGet();
      return real.complete(req);
    };
    return base.withModel(counting).withVerification(verification);
  }

  @Test
  void everyStageStoresItsWorkOnceAndARerunAsksTheModelForNothing() {
    RoundContext ctx = counted(base.verification());
    long r = ctx.roundId();
    await(new ProposeStage().run(ctx));
    List<ProblemRow> problems = await(h.store().problems().list(r, false));
    assertThat(problems.stream().filter(p -> p.problem().origin().equals("seed"))).hasSize(6);
    assertThat(problems.stream().filter(p -> p.problem().origin().equals("proposed"))).isNotEmpty();
    int proposeCalls = modelCalls.get();
    assertThat(proposeCalls).isEqualTo(await(h.store().problems().proposed(r)).size()).isPositive();
    await(new ProposeStage().run(ctx));
    assertThat(modelCalls.get()).isEqualTo(proposeCalls);

    await(new ScreenStage().run(ctx));
    List<ProblemRow> screened = await(h.store().problems().list(r, false));
    await(new ScreenStage().run(ctx));
    assertThat(await(h.store().problems().list(r, false))).isEqualTo(screened);

    await(new SolveStage().run(ctx));
    int solveCalls = modelCalls.get();
    List<ProblemRow> valid = await(h.store().problems().list(r, true));
    List<Attempt> samples = await(h.store().attempts().samples(r, SampleKey.FIRST, 10_000));
    assertThat(samples).hasSize(valid.size() * ctx.cfg().round().samplesPerProblem());
    assertThat(await(h.store().attempts().unverified(r))).isEmpty();
    await(new SolveStage().run(ctx));
    assertThat(modelCalls.get()).isEqualTo(solveCalls);

    await(new AgreementStage().run(ctx));
    long needing = valid.stream().map(ProblemRow::problem).filter(AgreementStage::needsScore).count();
    assertThat(await(h.store().problems().scores(r))).hasSize((int) needing);

    await(new KeepStage().run(ctx));
    long kept = await(h.store().samples().kept(r, SampleKey.FIRST, 10_000)).size();
    assertThat(kept).isPositive();
    await(new KeepStage().run(ctx));
    assertThat(await(h.store().samples().kept(r, SampleKey.FIRST, 10_000))).hasSize((int) kept);
    assertThat(modelCalls.get()).isEqualTo(solveCalls);
  }

  @Test
  void anAttemptOurVerifierCouldNotCheckStaysUnverifiedAndTheStageFailsUntilARerunVerifiesIt(@TempDir Path other)
      throws Exception {
    try (StageHarness own = StageHarness.start(other)) {
      RoundContext ok = own.context();
      own.runUpTo(ok, SolveStage.class);
      Verification broken = new Verification() {
        @Override
        public Future<Verdict> sample(SampleCheck check) {
          return Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA, "sandbox down (test)"));
        }

        @Override
        public Future<TaskValidation> program(ProposedProgram program) {
          return ok.verification().program(program);
        }

        @Override
        public Future<SuiteJudgement> suite(GeneratedSuite suite) {
          return ok.verification().suite(suite);
        }

        @Override
        public Future<ProgramAnswer> answer(String program) {
          return ok.verification().answer(program);
        }

        @Override
        public Future<dev.assay.verify.tool.ToolResult> tool(dev.assay.verify.tool.ToolRun run) {
          return ok.verification().tool(run);
        }
      };
      RoundContext failing = ok.withVerification(broken);
      assertThatThrownBy(() -> await(new SolveStage().run(failing))).isInstanceOf(AssayException.class)
          .hasMessageContaining("could not be verified");
      long stored = await(own.store().attempts().samples(ok.roundId(), SampleKey.FIRST, 10_000)).size();
      assertThat(stored).isPositive();
      assertThat(await(own.store().attempts().unverified(ok.roundId()))).hasSize((int) stored);
      assertThat(await(own.store().rounds().counts(ok.roundId())).domains().values().stream()
          .mapToLong(d -> d.verdicts().values().stream().mapToLong(Long::longValue).sum()).sum()).isZero();
      await(new SolveStage().run(ok));
      assertThat(await(own.store().attempts().unverified(ok.roundId()))).isEmpty();
    }
  }
}

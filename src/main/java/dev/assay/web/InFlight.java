package dev.assay.web;

import dev.assay.model.ModelClient;
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
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the model requests and verifications (sandbox runs for code) in flight by wrapping the
 * loop's clients; exposed in {@code /api/status} and as gauges.
 */
final class InFlight {
  final AtomicInteger model = new AtomicInteger();
  final AtomicInteger verifications = new AtomicInteger();

  InFlight(MeterRegistry registry) {
    Gauge.builder("assay.model.in.flight", model, AtomicInteger::get).description("Model calls in flight")
        .register(registry);
    Gauge.builder("assay.verifications.in.flight", verifications, AtomicInteger::get)
        .description("Verifications (sandbox runs for code) in flight").register(registry);
  }

  ModelClient wrap(ModelClient m) {
    return req -> {
      model.incrementAndGet();
      return m.complete(req).andThen(ar -> model.decrementAndGet());
    };
  }

  /** Counts every verification the loop runs: samples, proposed programs, suites, program answers, tool calls. */
  Verification wrap(Verification v) {
    return new Verification() {
      @Override
      public Future<Verdict> sample(SampleCheck check) {
        return counted(v.sample(check));
      }

      @Override
      public Future<TaskValidation> program(ProposedProgram program) {
        return counted(v.program(program));
      }

      @Override
      public Future<SuiteJudgement> suite(GeneratedSuite suite) {
        return counted(v.suite(suite));
      }

      @Override
      public Future<ProgramAnswer> answer(String program) {
        return counted(v.answer(program));
      }

      @Override
      public Future<ToolResult> tool(ToolRun run) {
        return counted(v.tool(run));
      }
    };
  }

  private <T> Future<T> counted(Future<T> f) {
    verifications.incrementAndGet();
    return f.andThen(ar -> verifications.decrementAndGet());
  }
}

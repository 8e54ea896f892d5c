package dev.assay.verify;

import dev.assay.Bus;
import dev.assay.ErrorKind;
import dev.assay.verify.proposal.GeneratedSuite;
import dev.assay.verify.proposal.ProgramAnswer;
import dev.assay.verify.proposal.ProposedProgram;
import dev.assay.verify.proposal.SuiteJudgement;
import dev.assay.verify.proposal.TaskValidation;
import dev.assay.verify.tool.ToolResult;
import dev.assay.verify.tool.ToolRun;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Everything the loop runs to decide what is right, and the code a model runs while it solves: the
 * one way from the loop to the verifiers and the sandbox,
 * served by {@link VerifyVerticle} on {@code assay.verify.<method>} with JSON messages, so every
 * run passes the same sandbox pool, the same limits and the daemon's in-flight counters, locally or
 * on another machine. Futures fail (SANDBOX_INFRA) only when our own infrastructure fails; what a
 * candidate, a proposal or a tool call does is a value.
 */
public interface Verification {
  String PREFIX = "assay.verify";

  /** Verifies one sample: a math answer, a program against its tests, an Absolute Zero answer. */
  Future<Verdict> sample(SampleCheck check);

  /** Validates a proposed program (Absolute Zero task): runs it on its inputs, computes the outputs. */
  Future<TaskValidation> program(ProposedProgram program);

  /** Judges a model-written test suite with its reference (and scores it by its candidates, CodeT). */
  Future<SuiteJudgement> suite(GeneratedSuite suite);

  /** Computes a proposed math program's answer (TinyGSM): run twice, the printed result. */
  Future<ProgramAnswer> answer(String program);

  /**
   * Runs one call of the model's python tool with its own limits: earlier cells of the trajectory
   * are replayed with their output discarded, then the new cell's output is returned as a Jupyter
   * user would see it (see {@link ToolRun} for the semantics). Whatever the code does (raise, loop,
   * fork, flood, read the environment) is a {@link ToolResult}.
   */
  Future<ToolResult> tool(ToolRun run);

  /** The client of the verifiers served on this Vert.x; {@code sendTimeoutMs} exceeds the slowest check. */
  static Verification client(Vertx vertx, long sendTimeoutMs) {
    return Bus.client(vertx, Verification.class, PREFIX, sendTimeoutMs, ErrorKind.SANDBOX_INFRA);
  }
}

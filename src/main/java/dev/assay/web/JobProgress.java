package dev.assay.web;

import dev.assay.loop.Progress;
import dev.assay.loop.core.Domain;
import dev.assay.verify.Verdict;

/** Forwards a job's progress to the daemon's {@link EventsProgress} and records the job's database round. */
final class JobProgress implements Progress {
  private final RoundJob job;
  private final Progress to;

  JobProgress(RoundJob job, Progress to) {
    this.job = job;
    this.to = to;
  }

  @Override
  public void round(dev.assay.store.RoundInfo round) {
    job.roundNo = round.roundNo();
    job.dbId = round.id();
    to.round(round);
  }

  @Override
  public void stage(String stage, int total) {
    to.stage(stage, total);
  }

  @Override
  public void step(String stage) {
    to.step(stage);
  }

  @Override
  public void modelCall(String purpose, int promptTokens, int completionTokens, int requests, long latencyMs) {
    to.modelCall(purpose, promptTokens, completionTokens, requests, latencyMs);
  }

  @Override
  public void modelFailure(String purpose, String message) {
    to.modelFailure(purpose, message);
  }

  @Override
  public void verdict(Domain domain, Verdict verdict) {
    to.verdict(domain, verdict);
  }

  @Override
  public void problemDropped(Domain domain, String reason) {
    to.problemDropped(domain, reason);
  }

  @Override
  public void kept(int total) {
    to.kept(total);
  }
}

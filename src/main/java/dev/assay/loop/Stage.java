package dev.assay.loop;

import io.vertx.core.Future;

/**
 * One stage of a round. A stage stores what it does as it goes and skips what an earlier process
 * already stored, so running it again after a crash finishes it without repeating work. It reports
 * its own progress ({@code ctx.progress().stage(name, total)}, then {@code step}); it may stop taking
 * work once the round is cancelled, and the runner then never starts the next stage.
 */
interface Stage {
  /** The name stored as the round's stage while this one runs. */
  String name();

  /** Runs (or finishes) the stage; fails when the round cannot go on (a rerun resumes it here). */
  Future<Void> run(RoundContext ctx);
}

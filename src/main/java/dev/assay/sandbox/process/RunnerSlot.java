package dev.assay.sandbox.process;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One runner slot: a dedicated thread that takes jobs from the shared queue and runs them in its
 * runner. Warm: the runner is kept and replaced after {@code recycleAfter} runs, when it dies or
 * reports itself unclean (replacement happens after the job's result is delivered). Fresh: a new
 * one-shot runner per job.
 */
final class RunnerSlot implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RunnerSlot.class);
  private static final AtomicLong IDS = new AtomicLong();
  private static final long READY_MS = 20_000;
  private static final long GRACE_MS = 5_000;
  private static final long MEMORY_SLACK = 16L << 20;

  private final int index;
  private final ProcessSandbox.Setup setup;
  private final CgroupSlot cgroup;
  private final BlockingQueue<Job> queue;
  private final Path workDir;
  private volatile Runner runner;
  private long idleUsage;
  private boolean dirty;
  /** Counters as of the end of the last run (they only move while something runs). */
  private CgroupSlot.Counters last = CgroupSlot.Counters.ZERO;
  private volatile boolean stopping;
  final Thread thread;

  RunnerSlot(int index, ProcessSandbox.Setup setup, CgroupSlot cgroup, BlockingQueue<Job> queue)
      throws IOException {
    this.index = index;
    this.setup = setup;
    this.cgroup = cgroup;
    this.queue = queue;
    this.workDir = Files.createDirectories(setup.tempDir().resolve("work-" + index));
    if (setup.isolation().uid() >= 0) {
      Files.setAttribute(workDir, "unix:uid", setup.isolation().uid());
      Files.setAttribute(workDir, "unix:gid", setup.isolation().uid());
    }
    this.thread = new Thread(this, "assay-sandbox-slot-" + index);
    this.thread.setDaemon(true);
  }

  @Override
  public void run() {
    if (setup.options().warm()) {
      replace();
    }
    while (!stopping) {
      Job job;
      try {
        job = queue.take();
      } catch (InterruptedException e) {
        break;
      }
      if (job == Job.POISON) {
        break;
      }
      SandboxResult result;
      try {
        result = execute(job.spec());
      } catch (RuntimeException e) { // a bug of ours must not kill the slot and strand the queue
        LOG.error("slot={} run failed unexpectedly", index, e);
        dirty = true;
        result = SandboxResult.error("sandbox internal error: " + e, 0);
      }
      job.complete(result);
      if (setup.options().warm() && !stopping && needsReplacing()) {
        replace();
      }
    }
    stopRunner();
  }

  /** Stops the slot: kills its runner (a run in progress ends as sandbox_error) and the thread. */
  void stop() {
    stopping = true;
    thread.interrupt();
    Runner r = runner;
    if (r != null) {
      r.kill();
    }
  }

  /** Runs one spec; a candidate's failure is a result, an infra failure a sandbox_error. */
  SandboxResult execute(SandboxSpec spec) {
    long t0 = System.nanoTime();
    String iso = setup.isolation().describe();
    try {
      if (dirty || runner == null || !runner.alive()) {
        replace();
      }
      if (runner == null) {
        return SandboxResult.error("no runner could be started; " + iso, 0);
      }
      if (cgroup != null) {
        cgroup.limitMemory(idleUsage + MEMORY_SLACK + ((long) spec.memoryMb() << 20));
      }
    } catch (IOException e) {
      LOG.warn("slot={} could not prepare a run: {}", index, e.getMessage());
      return SandboxResult.error("sandbox setup failed: " + e.getMessage(), 0);
    }
    CgroupSlot.Counters before = last;
    JsonObject req = ReplyMapper.request(IDS.incrementAndGet(), spec, fsizeMb());
    try {
      JsonObject reply = runner.call(req, spec.timeoutMs() + GRACE_MS);
      if (!reply.getBoolean("clean", false)) {
        dirty = true;
        LOG.info("slot={} runner unclean ({}), replacing it", index,
            reply.getString("unclean_reason"));
      }
      last = counters();
      return ReplyMapper.map(reply, last.minus(before), iso);
    } catch (IOException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      last = counters();
      SandboxResult lost = ReplyMapper.lost(e.getMessage(), last.minus(before), ms, iso);
      LOG.warn("slot={} runner lost during a run: {}", index, e.getMessage());
      stopRunner();
      return lost;
    } finally {
      if (!setup.options().warm()) {
        stopRunner();
      }
    }
  }

  private boolean needsReplacing() {
    return dirty || runner == null || !runner.alive()
        || runner.runs() >= setup.options().recycleAfter();
  }

  private void replace() {
    stopRunner();
    dirty = false;
    try {
      runner = Runner.start(RunnerCommand.build(setup.isolation(), cgroup, setup.script(),
          setup.options().pythonPath(), tmpfsMb(), setup.options().warm(), workDir),
          setup.tempDir().resolve("runner-" + index + ".log"), READY_MS);
      if (cgroup != null) {
        idleUsage = cgroup.usage();
        last = cgroup.counters();
      }
    } catch (IOException e) {
      LOG.error("slot={} runner start failed: {}", index, e.getMessage());
      runner = null;
    }
  }

  private void stopRunner() {
    if (runner != null) {
      runner.close();
      runner = null;
    }
  }

  private CgroupSlot.Counters counters() {
    return cgroup == null ? CgroupSlot.Counters.ZERO : cgroup.counters();
  }

  private int tmpfsMb() {
    return Math.max(64, setup.options().memoryMb());
  }

  private int fsizeMb() {
    return Math.max(16, setup.options().memoryMb() / 2);
  }
}

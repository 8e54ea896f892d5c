package dev.assay.sandbox.java;

/**
 * What happened during one run, written by candidate threads (through the guard, the sinks and
 * the thread group) and read by the runner's controlling thread. All methods wake the waiter.
 */
final class RunState {
  private final ThreadGroup group;
  private CappedSink out;
  private CappedSink err;
  private Integer exitCode;
  private boolean overflow;
  private boolean outOfMemory;
  private boolean threadLimit;
  private boolean mainDone;
  private Throwable mainError;
  private long mainCpuNanos = -1;
  private long mainThreadId = -1;
  private java.nio.file.Path mainSchedstat;

  private final String hiddenPackage;

  RunState(ThreadGroup parent, String name, String hiddenPackage) {
    this.group = new CandidateGroup(parent, name, this);
    this.hiddenPackage = hiddenPackage;
  }

  /** The synthetic package the compiler put the classes in (hidden in traces), or null. */
  String hiddenPackage() {
    return hiddenPackage;
  }

  ThreadGroup group() {
    return group;
  }

  void sinks(CappedSink out, CappedSink err) {
    this.out = out;
    this.err = err;
  }

  void exitRequested(int code) {
    freezeOutput();
    synchronized (this) {
      if (exitCode == null) {
        exitCode = code;
      }
      notifyAll();
    }
  }

  synchronized void overflowed() {
    overflow = true;
    notifyAll();
  }

  synchronized void failed(Throwable t) {
    if (t instanceof OutOfMemoryError) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("native thread")) {
        threadLimit = true;
      } else {
        outOfMemory = true;
      }
    }
    notifyAll();
  }

  /**
   * The main thread as it starts, so its final CPU figure replaces its last sample; with its
   * kernel scheduler statistics file (null where there is no /proc), for the time it waited.
   */
  synchronized void mainStarted(long threadId, java.nio.file.Path schedstat) {
    mainThreadId = threadId;
    mainSchedstat = schedstat;
  }

  synchronized java.nio.file.Path mainSchedstat() {
    return mainSchedstat;
  }

  synchronized long mainThreadId() {
    return mainThreadId;
  }

  synchronized void mainDone(Throwable error, long cpuNanos) {
    mainDone = true;
    mainError = error;
    mainCpuNanos = cpuNanos;
    notifyAll();
  }

  /** Waits until main ends, the program exits or overflows, or the deadline passes. */
  synchronized void awaitMain(long deadlineNanos) throws InterruptedException {
    long left;
    while (!mainDone && exitCode == null && !overflow
        && (left = deadlineNanos - System.nanoTime()) > 0) {
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** True once the run has an outcome that ends it before its threads finish. */
  synchronized boolean ended() {
    return exitCode != null || overflow;
  }

  void freezeOutput() {
    if (out != null) {
      out.freeze();
      err.freeze();
    }
  }

  synchronized Integer exitCode() {
    return exitCode;
  }

  synchronized boolean overflow() {
    return overflow;
  }

  synchronized boolean outOfMemory() {
    return outOfMemory;
  }

  synchronized boolean threadLimit() {
    return threadLimit;
  }

  synchronized boolean mainDone() {
    return mainDone;
  }

  synchronized Throwable mainError() {
    return mainError;
  }

  synchronized long mainCpuNanos() {
    return mainCpuNanos;
  }

  /** The group every candidate thread lives in; reports uncaught exceptions like java does. */
  private static final class CandidateGroup extends ThreadGroup {
    private final RunState state;

    CandidateGroup(ThreadGroup parent, String name, RunState state) {
      super(parent, name);
      this.state = state;
    }

    @Override
    @SuppressWarnings("removal")
    public void uncaughtException(Thread t, Throwable e) {
      if (e instanceof ThreadDeath) {
        return;
      }
      state.failed(e);
      Traces.printUncaught(t.getName(), e, System.err, state.hiddenPackage());
    }
  }
}

package dev.assay.sandbox.java;

import dev.assay.sandbox.SandboxSpec;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one compiled candidate inside the runner: a fresh class loader and protection domain,
 * its own thread group, stdin/stdout/stderr redirected and capped, a wall timeout. Classifies
 * the ending exactly once; anything that may leave state behind marks the runner dirty.
 */
final class CandidateRun {
  /** Stack of the candidate's main thread; generous, like a contest judge's -Xss. */
  static final long MAIN_STACK_BYTES = 256L * 1024 * 1024;
  /** How long non-daemon threads get after System.exit or the end of main to wind down. */
  private static final long GRACE_MS = 50;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final RunnerGuard guard;
  private final Path box;
  private final ThreadGroup parent;

  CandidateRun(RunnerGuard guard, Path box, ThreadGroup parent) {
    this.guard = guard;
    this.box = box;
    this.parent = parent;
  }

  /** The outcome of a run before the runner adds its hygiene verdict; flags as in {@link Wire}. */
  record Outcome(
      int flags, int exitCode, String stdout, String stderr, boolean truncated,
      long wallMs, long cpuMs, String detail, String dirtyReason) {}

  Outcome execute(Wire.Request req, CandidateCompiler.Compiled compiled) {
    Map<String, byte[]> classes = compiled.classes();
    ProtectionDomain domain = RunnerGuard.candidateDomain(box);
    CandidateLoader loader = new CandidateLoader(classes, domain);
    Method main;
    String dirty = null;
    try {
      main = findMain(loader, classes);
      if (loader.declaresFinalizer()) {
        dirty = "candidate declares finalize()";
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      return new Outcome(0, 1, "", "error: " + e, false, 0, -1,
          "could not load main class: " + e, null);
    }
    RunState state = new RunState(parent, "run-" + req.id(), compiled.syntheticPackage());
    CappedSink out = new CappedSink(req.outputCapBytes(), state::overflowed);
    CappedSink err = new CappedSink(req.outputCapBytes(), state::overflowed);
    state.sinks(out, err);
    PrintStream ps = new PrintStream(out, false, StandardCharsets.UTF_8);
    PrintStream pe = new PrintStream(err, false, StandardCharsets.UTF_8);
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    var oldIn = System.in;
    System.setIn(new ByteArrayInputStream(req.stdin().getBytes(StandardCharsets.UTF_8)));
    System.setOut(ps);
    System.setErr(pe);
    guard.begin(state);
    long t0 = System.nanoTime();
    CpuMeter cpu = new CpuMeter(state);
    Thread t = new Thread(state.group(), () -> invokeMain(main, state), "main", MAIN_STACK_BYTES);
    t.setContextClassLoader(loader);
    int limit = 0;
    try {
      t.start();
      limit = awaitEnd(state, cpu, req, t0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (OutOfMemoryError e) {
      state.failed(e);
    }
    long wallMs = (System.nanoTime() - t0) / 1_000_000;
    state.freezeOutput();
    List<Thread> left = liveThreads(state.group(), GRACE_MS);
    long cpuNanos = cpu.total();
    if (limit == 0 && cpuNanos > req.timeoutMs() * 1_000_000L && !state.overflow()) {
      limit = Wire.CPU_LIMIT; // the budget is CPU time whether or not it was seen in time
    }
    boolean replaced = System.out != ps || System.err != pe;
    guard.end();
    System.setIn(oldIn);
    System.setOut(oldOut);
    System.setErr(oldErr);
    if (!left.isEmpty()) {
      dirty = left.size() + " thread(s) left running (" + left.get(0).getName() + ")";
    } else if (replaced) {
      dirty = "System.out or System.err replaced";
    }
    return classify(req, state, out, err, wallMs, cpuNanos / 1_000_000, limit, dirty);
  }

  /**
   * Waits until the program ends (main and every non-daemon thread done, an exit or an overflow)
   * or a limit stops it: the CPU time of its threads ({@link Wire#CPU_LIMIT}) or the wall-clock
   * backstop ({@link Wire#WALL_LIMIT}); 0 when it ended. CPU time is sampled only when the
   * threads could have spent the rest of the budget, at most {@code cpus} seconds per second.
   */
  private static int awaitEnd(RunState state, CpuMeter cpu, Wire.Request req, long t0)
      throws InterruptedException {
    long cpuLimit = req.timeoutMs() * 1_000_000L;
    long wall = req.wallLimitMs() * 1_000_000L;
    long wallDeadline = t0 + wall;
    long hardDeadline = t0 + wall * SandboxSpec.STARVED_FACTOR;
    double rate = Math.max(0.05, req.cpus());
    while (!state.ended()) {
      long used = cpu.sample();
      if (used >= cpuLimit) {
        return Wire.CPU_LIMIT;
      }
      long now = System.nanoTime();
      if (now >= wallDeadline) {
        // the backstop is for programs that sleep or block: the time the main thread was
        // runnable but waiting for a CPU moves it out, up to the hard deadline (see pyrunner.py)
        long waited = cpu.mainWaitedNanos();
        if (now - t0 - waited < wall) {
          if (now < hardDeadline) {
            wallDeadline = Math.min(hardDeadline, t0 + waited + wall + 5_000_000L);
            continue;
          }
          return Wire.WALL_LIMIT | Wire.STARVED;
        }
        return Wire.WALL_LIMIT;
      }
      long next = Math.min(wallDeadline, now + Math.max(5_000_000L, (long) ((cpuLimit - used) / rate)));
      if (!state.mainDone()) {
        state.awaitMain(next);
        continue;
      }
      Thread busy = firstNonDaemon(state.group());
      if (busy == null) {
        return 0; // like the JVM: the program ends when its last non-daemon thread ends
      }
      busy.join(Math.max(1, Math.min(20, (next - System.nanoTime()) / 1_000_000)));
    }
    return 0;
  }

  private Outcome classify(
      Wire.Request req, RunState s, CappedSink out, CappedSink err, long wallMs, long cpuMs,
      int limit, String dirty) {
    boolean truncated = out.overflowed() || err.overflowed();
    String o = out.text();
    String e = err.text();
    Integer exit = s.exitCode();
    if (s.overflow()) {
      return new Outcome(Wire.OUTPUT_LIMIT, -1, o, e, true, wallMs, cpuMs,
          "output exceeded " + req.outputCapBytes() + " bytes; run stopped",
          orElse(dirty, "run stopped at output cap"));
    }
    if (s.outOfMemory()) { // memory before time: see dev.assay.sandbox.outcome.Verdicts
      return new Outcome(Wire.MEMORY | limit, 1, o, e, truncated, wallMs, cpuMs,
          "java.lang.OutOfMemoryError: heap limit reached", orElse(dirty, "out of memory"));
    }
    if (limit != 0) {
      return new Outcome(limit, -1, o, e, truncated, wallMs, cpuMs, limit == Wire.CPU_LIMIT
          ? "CPU-time limit " + req.timeoutMs() + " ms exceeded"
          : "wall-clock backstop " + req.wallLimitMs() + " ms exceeded (the program slept or"
              + " blocked; a starved run is re-run, not a timeout)", orElse(dirty, "timed out"));
    }
    if (exit != null) {
      return new Outcome(0, exit, o, e, truncated, wallMs, cpuMs,
          "System.exit(" + exit + ") called; main did not complete", dirty);
    }
    if (s.threadLimit()) {
      return new Outcome(0, 1, o, e, truncated, wallMs, cpuMs,
          "thread limit reached (unable to create native thread)", "thread limit reached");
    }
    Throwable failure = s.mainError();
    if (failure != null) {
      return new Outcome(0, 1, o, e, truncated, wallMs, cpuMs,
          "uncaught " + failure.getClass().getName() + " in main", dirty);
    }
    return new Outcome(0, 0, o, e, truncated, wallMs, cpuMs, "", dirty);
  }

  private static String orElse(String a, String b) {
    return a != null ? a : b;
  }

  private static void invokeMain(Method main, RunState state) {
    state.mainStarted(Thread.currentThread().getId(), CpuMeter.schedstatOfThisThread());
    Throwable error = null;
    try {
      main.invoke(null, (Object) new String[0]);
    } catch (InvocationTargetException e) {
      error = e.getCause();
    } catch (Throwable e) {
      error = e;
    }
    long cpu = THREADS.getCurrentThreadCpuTime();
    if (error != null && !(error instanceof ThreadDeath) && state.exitCode() == null) {
      state.failed(error);
      Traces.printUncaught("main", error, System.err, state.hiddenPackage());
    }
    state.mainDone(error, cpu);
  }

  private static Thread firstNonDaemon(ThreadGroup g) {
    for (Thread t : threadsOf(g)) {
      if (t.isAlive() && !t.isDaemon()) {
        return t;
      }
    }
    return null;
  }

  private static List<Thread> liveThreads(ThreadGroup g, long graceMs) {
    long until = System.nanoTime() + graceMs * 1_000_000;
    List<Thread> alive = new ArrayList<>();
    for (Thread t : threadsOf(g)) {
      try {
        t.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        alive.add(t);
      }
    }
    return alive;
  }

  static List<Thread> threadsOf(ThreadGroup g) {
    Thread[] all = new Thread[g.activeCount() + 16];
    int n = g.enumerate(all, true);
    return List.of(java.util.Arrays.copyOf(all, n));
  }

  private static Method findMain(CandidateLoader loader, Map<String, byte[]> classes)
      throws ReflectiveOperationException {
    String name = pickMainClass(loader, classes);
    Method m = Class.forName(name, false, loader).getMethod("main", String[].class);
    if (!Modifier.isStatic(m.getModifiers())) {
      throw new NoSuchMethodException(name + ".main(String[]) is not static");
    }
    m.setAccessible(true);
    return m;
  }

  /** Main if there is one (any package), else the only top-level class with a main method. */
  static String pickMainClass(CandidateLoader loader, Map<String, byte[]> classes)
      throws ClassNotFoundException {
    List<String> top = CandidateCompiler.topLevel(classes);
    for (String n : top) {
      if (n.equals("Main") || n.endsWith(".Main")) {
        return n;
      }
    }
    List<String> withMain = new ArrayList<>();
    for (String n : top) {
      try {
        Method m = Class.forName(n, false, loader).getMethod("main", String[].class);
        if (Modifier.isStatic(m.getModifiers())) {
          withMain.add(n);
        }
      } catch (NoSuchMethodException | LinkageError e) {
        // not an entry point
      }
    }
    if (withMain.size() == 1) {
      return withMain.get(0);
    }
    throw new ClassNotFoundException(
        withMain.isEmpty() ? "no class with public static void main(String[])"
            : "several classes with main and none named Main: " + withMain);
  }
}

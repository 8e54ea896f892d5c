package dev.assay.sandbox.java;

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

  /** The outcome of a run before the runner adds its hygiene verdict. */
  record Outcome(
      String status, int exitCode, String stdout, String stderr, boolean truncated,
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
      return new Outcome("runtime_error", 1, "", "error: " + e, false, 0, -1,
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
    Thread t = new Thread(state.group(), () -> invokeMain(main, state), "main", MAIN_STACK_BYTES);
    t.setContextClassLoader(loader);
    try {
      t.start();
      state.awaitMain(t0 + req.timeoutMs() * 1_000_000L);
      if (state.mainDone() && !state.ended()) {
        awaitNonDaemon(state, t0 + req.timeoutMs() * 1_000_000L);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (OutOfMemoryError e) {
      state.failed(e);
    }
    long wallMs = (System.nanoTime() - t0) / 1_000_000;
    boolean timedOut = !state.ended() && (!state.mainDone() || nonDaemonAlive(state.group()));
    state.freezeOutput();
    List<Thread> left = liveThreads(state.group(), GRACE_MS);
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
    return classify(req, state, out, err, wallMs, timedOut, dirty);
  }

  private Outcome classify(
      Wire.Request req, RunState s, CappedSink out, CappedSink err, long wallMs,
      boolean timedOut, String dirty) {
    boolean truncated = out.overflowed() || err.overflowed();
    long cpuMs = s.mainCpuNanos() < 0 ? -1 : s.mainCpuNanos() / 1_000_000;
    String o = out.text();
    String e = err.text();
    Integer exit = s.exitCode();
    if (s.overflow()) {
      return new Outcome("output_limit", -1, o, e, true, wallMs, cpuMs,
          "output exceeded " + req.outputCapBytes() + " bytes; run stopped",
          orElse(dirty, "run stopped at output cap"));
    }
    if (exit != null) {
      return new Outcome(exit == 0 ? "ok" : "runtime_error", exit, o, e, truncated, wallMs, cpuMs,
          "System.exit(" + exit + ") called; main did not complete", dirty);
    }
    if (timedOut) {
      return new Outcome("timeout", -1, o, e, truncated, wallMs, cpuMs,
          "wall time limit " + req.timeoutMs() + " ms exceeded", orElse(dirty, "timed out"));
    }
    if (s.outOfMemory()) {
      return new Outcome("memory", 1, o, e, truncated, wallMs, cpuMs,
          "java.lang.OutOfMemoryError: heap limit reached", "out of memory");
    }
    if (s.threadLimit()) {
      return new Outcome("runtime_error", 1, o, e, truncated, wallMs, cpuMs,
          "thread limit reached (unable to create native thread)", "thread limit reached");
    }
    Throwable failure = s.mainError();
    if (failure != null) {
      return new Outcome("runtime_error", 1, o, e, truncated, wallMs, cpuMs,
          "uncaught " + failure.getClass().getName() + " in main", dirty);
    }
    return new Outcome("ok", 0, o, e, truncated, wallMs, cpuMs, "", dirty);
  }

  private static String orElse(String a, String b) {
    return a != null ? a : b;
  }

  private static void invokeMain(Method main, RunState state) {
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

  /** Like the JVM: the program ends when its last non-daemon thread ends. */
  private static void awaitNonDaemon(RunState state, long deadlineNanos)
      throws InterruptedException {
    while (!state.ended() && System.nanoTime() < deadlineNanos) {
      Thread next = null;
      for (Thread t : threadsOf(state.group())) {
        if (t.isAlive() && !t.isDaemon()) {
          next = t;
          break;
        }
      }
      if (next == null) {
        return;
      }
      next.join(Math.max(1, Math.min(20, (deadlineNanos - System.nanoTime()) / 1_000_000)));
    }
  }

  private static boolean nonDaemonAlive(ThreadGroup g) {
    for (Thread t : threadsOf(g)) {
      if (t.isAlive() && !t.isDaemon()) {
        return true;
      }
    }
    return false;
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

  private static List<Thread> threadsOf(ThreadGroup g) {
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

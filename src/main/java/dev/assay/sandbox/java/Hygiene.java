package dev.assay.sandbox.java;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The global state of a clean runner, taken after warm-up and compared after every run. The
 * guard forbids changing most of it; this check is the backstop: any difference means the
 * runner is not clean, so it reports the run and is replaced.
 */
final class Hygiene {
  private final Properties properties;
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final SecurityManager guard;
  private final Locale locale;
  private final TimeZone zone;
  private final Thread.UncaughtExceptionHandler handler;
  private final Set<Thread> threads;

  @SuppressWarnings("removal")
  private Hygiene() {
    properties = (Properties) System.getProperties().clone();
    out = System.out;
    err = System.err;
    in = System.in;
    guard = System.getSecurityManager();
    locale = Locale.getDefault();
    zone = TimeZone.getDefault();
    handler = Thread.getDefaultUncaughtExceptionHandler();
    threads = new HashSet<>(allThreads());
  }

  static Hygiene capture() {
    return new Hygiene();
  }

  /** Null when clean, else the first difference found. */
  @SuppressWarnings("removal")
  String dirtyReason() {
    if (!properties.equals(System.getProperties())) {
      return "System properties changed";
    }
    if (System.out != out || System.err != err || System.in != in) {
      return "System.in/out/err replaced";
    }
    if (System.getSecurityManager() != guard) {
      return "security manager replaced";
    }
    if (!locale.equals(Locale.getDefault()) || !zone.equals(TimeZone.getDefault())) {
      return "default locale or time zone changed";
    }
    if (Thread.getDefaultUncaughtExceptionHandler() != handler) {
      return "default uncaught exception handler changed";
    }
    for (Thread t : allThreads()) {
      if (t.isAlive() && !threads.contains(t) && !idleCommonPoolWorker(t)) {
        return "thread left running: " + t.getName();
      }
    }
    return null;
  }

  /** Every live thread, by enumerating the root group (cheaper than taking stack traces). */
  private static java.util.List<Thread> allThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] all = new Thread[root.activeCount() + 32];
    int n = root.enumerate(all, true);
    return java.util.Arrays.asList(all).subList(0, n);
  }

  /**
   * Common-pool workers (parallel streams) are shared JDK threads without permissions; an idle
   * pool is harmless, a pool still running a candidate's task is not.
   */
  private static boolean idleCommonPoolWorker(Thread t) {
    if (!(t instanceof ForkJoinWorkerThread w) || w.getPool() != ForkJoinPool.commonPool()) {
      return false;
    }
    for (int i = 0; i < 20 && !ForkJoinPool.commonPool().isQuiescent(); i++) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return ForkJoinPool.commonPool().isQuiescent();
  }
}

package dev.assay.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/** SIGTERM or SIGINT asks a long-running command to stop gracefully; a second one forces exit 130. */
final class StopSignals {
  private StopSignals() {}

  /** A latch counted down by the first TERM or INT; the second halts the JVM. */
  static CountDownLatch install() {
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger signals = new AtomicInteger();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), s -> {
        if (signals.incrementAndGet() > 1) {
          System.err.println("assay: second signal: forcing exit");
          Runtime.getRuntime().halt(130);
        }
        stop.countDown();
      });
    }
    return stop;
  }
}

package dev.assay.verify.math;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The check budget is the checking thread's CPU time: waiting for a CPU (or sleeping) does not spend it. */
class MathBudgetTest {
  private static void ticks(Budget b, int n) {
    for (int i = 0; i < n; i++) {
      b.tick();
    }
  }

  @Test
  void timeWithoutCpuDoesNotSpendTheBudgetButCpuDoes() throws Exception {
    Budget b = new Budget(200);
    ticks(b, 256); // the first check reads the thread's CPU clock
    Thread.sleep(250); // past the budget in wall time, as a starved thread would be
    assertThatCode(() -> ticks(b, 1024)).doesNotThrowAnyException();
    var threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + 250_000_000L;
    long x = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      x += System.nanoTime() & 1;
    }
    assertThatThrownBy(() -> ticks(b, 256)).as("spun %d", x).isInstanceOf(Budget.Exceeded.class);
  }

  @Test
  void aThreadThatGetsNoCpuIsStoppedByTheWallClockBackstop() throws Exception {
    Budget b = new Budget(20);
    ticks(b, 256);
    Thread.sleep(20 * Budget.BACKSTOP + 30);
    assertThatThrownBy(() -> ticks(b, 256)).isInstanceOf(Budget.Exceeded.class).hasMessageContaining("backstop");
  }
}

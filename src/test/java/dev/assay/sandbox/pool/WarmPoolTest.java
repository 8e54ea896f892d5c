package dev.assay.sandbox.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pool every backend uses, with in-memory runners so each rule is visible: who gets a
 * runner, when one is started, stopped and replaced, and what close does. The backends' own
 * suites run it with real processes and containers.
 */
class WarmPoolTest {
  static final class Runner implements WarmPool.Member {
    final int slot;
    boolean reusable = true;
    int stops;

    Runner(int slot) {
      this.slot = slot;
    }

    @Override
    public int slot() {
      return slot;
    }

    @Override
    public boolean reusable() {
      return reusable;
    }
  }

  /** Starts at once (or fails); stops when {@link #stopGate} completes (at once when null). */
  static final class Factory implements WarmPool.Factory<Runner> {
    final List<Integer> starts = new ArrayList<>();
    final List<Runner> stopped = new ArrayList<>();
    boolean fail;
    Promise<Void> stopGate;

    @Override
    public Future<Runner> start(int slot) {
      starts.add(slot);
      return fail ? Future.failedFuture(new IllegalStateException("no engine"))
          : Future.succeededFuture(new Runner(slot));
    }

    @Override
    public Future<Void> stop(Runner r) {
      r.stops++;
      stopped.add(r);
      return stopGate == null ? Future.succeededFuture() : stopGate.future();
    }
  }

  @Test
  void warmStartsEverySlotAndARunWaitsForTheNextReleasedRunner() {
    Factory f = new Factory();
    WarmPool<Runner> pool = new WarmPool<>("t", f, 2, 4, true);
    assertThat(pool.warm().succeeded()).isTrue();
    assertThat(f.starts).containsExactly(0, 1);
    Runner a = pool.acquire().result();
    Runner b = pool.acquire().result();
    assertThat(List.of(a.slot, b.slot)).containsExactlyInAnyOrder(0, 1);
    Future<Runner> third = pool.acquire();
    assertThat(third.isComplete()).isFalse();
    pool.release(a);
    assertThat(third.result()).isSameAs(a);
    assertThat(f.starts).hasSize(2);
  }

  @Test
  void runsBeyondTheQueueBoundFailFastAsSandboxInfra() {
    WarmPool<Runner> pool = new WarmPool<>("t", new Factory(), 1, 1, true);
    pool.warm();
    pool.acquire();
    Future<Runner> waiting = pool.acquire();
    Future<Runner> refused = pool.acquire();
    assertThat(waiting.isComplete()).isFalse();
    assertThat(refused.cause()).isInstanceOf(AssayException.class).hasMessage("sandbox queue full");
    assertThat(((AssayException) refused.cause()).kind()).isEqualTo(ErrorKind.SANDBOX_INFRA);
  }

  @Test
  void aSpentRunnerIsReplacedInItsSlotOnlyOnceItsStopIsDone() {
    Factory f = new Factory();
    f.stopGate = Promise.promise();
    WarmPool<Runner> pool = new WarmPool<>("t", f, 1, 4, true);
    pool.warm();
    Runner a = pool.acquire().result();
    a.reusable = false;
    pool.release(a);
    assertThat(f.stopped).containsExactly(a);
    assertThat(f.starts).as("no start while the old runner still holds slot 0").containsExactly(0);
    Future<Runner> next = pool.acquire();
    assertThat(next.isComplete()).isFalse();
    f.stopGate.complete();
    assertThat(f.starts).containsExactly(0, 0);
    assertThat(next.result()).isNotSameAs(a);
    assertThat(next.result().slot).isZero();
  }

  @Test
  void anIdleRunnerThatDiedIsNotHandedOut() {
    Factory f = new Factory();
    WarmPool<Runner> pool = new WarmPool<>("t", f, 1, 4, true);
    pool.warm();
    Runner a = pool.acquire().result();
    pool.release(a);
    a.reusable = false; // its process died while idle
    Runner b = pool.acquire().result();
    assertThat(b).isNotSameAs(a);
    assertThat(a.stops).isEqualTo(1);
  }

  @Test
  void aColdPoolStartsARunnerOnlyForAWaitingRun() {
    Factory f = new Factory();
    WarmPool<Runner> pool = new WarmPool<>("t", f, 2, 4, false);
    assertThat(f.starts).isEmpty();
    Runner a = pool.acquire().result();
    assertThat(f.starts).containsExactly(0);
    a.reusable = false;
    pool.release(a);
    assertThat(f.starts).as("nobody waits: no replacement").containsExactly(0);
  }

  @Test
  void aFailedStartFailsOneWaitingRunAndIsNotRetriedInALoop() {
    Factory f = new Factory();
    f.fail = true;
    WarmPool<Runner> pool = new WarmPool<>("t", f, 2, 4, true);
    assertThat(pool.warm().failed()).isTrue();
    assertThat(f.starts).hasSize(2);
    Future<Runner> r = pool.acquire();
    assertThat(r.failed()).isTrue();
    assertThat(((AssayException) r.cause()).kind()).isEqualTo(ErrorKind.SANDBOX_INFRA);
    assertThat(f.starts).hasSize(3);
  }

  @Test
  void closeFailsTheWaitingRunsAndStopsBusyRunnersOnce() {
    Factory f = new Factory();
    WarmPool<Runner> pool = new WarmPool<>("t", f, 1, 4, true);
    pool.warm();
    Runner busy = pool.acquire().result();
    Future<Runner> waiting = pool.acquire();
    assertThat(pool.close().succeeded()).isTrue();
    assertThat(waiting.failed()).isTrue();
    assertThat(busy.stops).isEqualTo(1);
    pool.release(busy);
    assertThat(busy.stops).isEqualTo(1);
    assertThat(pool.acquire().failed()).isTrue();
  }
}

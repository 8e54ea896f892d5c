package dev.assay.loop;

import dev.assay.loop.clean.NearDuplicates;
import dev.assay.loop.core.Problem;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The near-duplicate index of a run's earlier rounds, built incrementally and kept between rounds
 * in this process: round k adds only round k-1's valid problems (each round's in id order), so a
 * run of many rounds never re-reads its whole history; a new process builds it once, round by
 * round, in the same order, so the index (and every screening decision) is the same either way.
 * Building runs on a worker thread, never on an event loop. Keyed by database and run.
 */
final class ScreenHistory {
  private static final Map<String, ScreenHistory> RUNS = new ConcurrentHashMap<>();
  private final NearDuplicates index;
  /** Rounds 1..rounds are in the index. */
  private int rounds;

  private ScreenHistory(NearDuplicates index) {
    this.index = index;
  }

  /** The index of the rounds before {@code ctx}'s round, to match (never to add) this round's problems against. */
  static Future<NearDuplicates> before(RoundContext ctx) {
    String key = ctx.cfg().run().db().toAbsolutePath() + "|" + ctx.round().run();
    int want = ctx.round().roundNo() - 1;
    ScreenHistory h = RUNS.compute(key, (k, old) -> old == null || old.rounds > want
        ? new ScreenHistory(ctx.cleaning().newIndex()) : old);
    return h.upTo(ctx, want).map(h.index);
  }

  private synchronized Future<Void> upTo(RoundContext ctx, int want) {
    if (rounds >= want) {
      return Future.succeededFuture();
    }
    int next = rounds + 1;
    return ctx.store().problems().valid(ctx.round().run(), next)
        .compose(problems -> ctx.vertx().executeBlocking(() -> {
          synchronized (this) {
            if (rounds == next - 1) {
              for (Problem p : problems) {
                index.addOrMatch(p.id(), p.statement());
              }
              rounds = next;
            }
          }
          return null;
        }, false))
        .compose(v -> upTo(ctx, want));
  }
}

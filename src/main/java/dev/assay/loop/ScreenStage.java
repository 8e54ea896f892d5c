package dev.assay.loop;

import dev.assay.loop.clean.Decontaminator;
import dev.assay.loop.clean.NearDuplicates;
import dev.assay.store.ProblemRow;
import dev.assay.loop.core.Problem;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Screens a round's problems once every proposal is in: proposals that nearly repeat a problem of
 * this run (this round's seeds, contaminated ones included, earlier rounds, or a proposal screened
 * before them) are dropped as {@code near_duplicate}; seeds and proposals that overlap a benchmark
 * as {@code contaminated}, naming the benchmark. Proposals are screened in id order, so the outcome never
 * depends on the order answers arrived in: a resumed round screens exactly as an uninterrupted one.
 */
final class ScreenStage implements Stage {
  private static final Set<String> SCREEN_REASONS = Set.of("contaminated", "near_duplicate");

  @Override
  public String name() {
    return "screen";
  }

  @Override
  public Future<Void> run(RoundContext ctx) {
    ctx.progress().stage(name(), 1);
    return Future.all(ctx.store().problems().list(ctx.roundId(), false), ScreenHistory.before(ctx))
        .compose(cf -> ctx.vertx().executeBlocking(() -> screen(ctx.cleaning(), cf.resultAt(1), cf.resultAt(0)), false))
        .compose(changed -> changed.isEmpty() ? Future.succeededFuture() : ctx.store().problems().update(ctx.roundId(), changed))
        .onSuccess(v -> ctx.progress().step(name()));
  }

  /**
   * The rows whose status changes. {@code earlier} holds the run's earlier rounds and is only matched
   * against; this round's problems go to an index of their own. Pure: the same inputs always give
   * the same answer.
   */
  static List<ProblemRow> screen(Cleaning cleaning, NearDuplicates earlier, List<ProblemRow> rows) {
    Decontaminator bench = cleaning.decontaminator;
    NearDuplicates round = cleaning.newIndex();
    java.util.function.BiFunction<String, String, NearDuplicates.Match> index = (id, text) -> {
      NearDuplicates.Match m = earlier.match(text);
      return m.isDuplicate() ? m : round.addOrMatch(id, text);
    };
    List<ProblemRow> changed = new ArrayList<>();
    for (ProblemRow r : rows) {
      if (!r.problem().origin().equals("seed") || !screenable(r)) {
        continue;
      }
      ProblemRow now = bench.check(r.problem().statement())
          .map(h -> ProblemRow.dropped(r.problem(), "contaminated", h.describe()))
          .orElse(ProblemRow.valid(r.problem()));
      index.apply(r.problem().id(), r.problem().statement()); // contaminated too: its paraphrases are near duplicates
      note(changed, r, now);
    }
    List<ProblemRow> proposals = rows.stream()
        .filter(r -> r.problem().origin().equals("proposed") && screenable(r))
        .sorted(Comparator.comparing(r -> r.problem().id())).toList();
    for (ProblemRow r : proposals) {
      Problem p = r.problem();
      NearDuplicates.Match m = index.apply(p.id(), p.statement());
      ProblemRow now = m.isDuplicate()
          ? ProblemRow.dropped(p, "near_duplicate", String.format(java.util.Locale.ROOT, "%s, %.2f similar to problem %s",
              m.kind().name().toLowerCase(java.util.Locale.ROOT), m.similarity(), m.otherId()))
          : bench.check(p.statement()).map(h -> ProblemRow.dropped(p, "contaminated", h.describe()))
              .orElse(ProblemRow.valid(p));
      note(changed, r, now);
    }
    return changed;
  }

  /** Valid rows, and rows this screening dropped earlier (so screening again is idempotent). */
  private static boolean screenable(ProblemRow r) {
    return r.status().equals("valid") || SCREEN_REASONS.contains(r.dropReason());
  }

  private static void note(List<ProblemRow> changed, ProblemRow before, ProblemRow now) {
    String was = before.dropReason() == null ? "" : before.dropReason();
    if (!before.status().equals(now.status()) || !was.equals(now.dropReason())) {
      changed.add(now);
    }
  }
}

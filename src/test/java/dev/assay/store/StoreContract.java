package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, whatever database and transport is under it: each implementation
 * (SQLite direct, SQLite over the event bus, PostgreSQL) runs these same tests.
 */
abstract class StoreContract {

  /** A store over a fresh, empty database. */
  abstract Store store();

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Problem math(String text, String answer) {
    return Problem.of(Domain.MATH, "seed", "", "", new JsonObject().put("problem", text).put("answer", answer));
  }

  static Attempt attempt(Problem p, int idx, String text, String kind) {
    return new Attempt(p.id(), idx, Problem.hash(p.id() + "\n" + text), text, 10, 20, "m", 7, kind);
  }

  static VerdictOf verdict(Problem p, int idx, String reason) {
    return new VerdictOf(p.id(), idx, new StoredVerdict(reason, "d", "math/1", 5));
  }

  RoundInfo open(Store s, String run) {
    return open(s, run, "model-a");
  }

  RoundInfo open(Store s, String run, String model) {
    return await(s.rounds().open(run, 42, model, true, new JsonObject().put("run", new JsonObject().put("out", "o"))
        .put(RoundStore.RESUME_KEY, new JsonObject().put("model", model))));
  }

  @Test
  void anUnfinishedRoundIsResumedWhateverStoppedItAndADoneOneIsFollowedByTheNext() {
    Store s = store();
    RoundInfo r1 = open(s, "run");
    assertThat(r1.roundNo()).isEqualTo(1);
    assertThat(r1.stage()).isEqualTo("start");
    await(s.rounds().stage(r1.id(), "solve"));
    await(s.rounds().state(r1.id(), "cancelled"));
    RoundInfo again = open(s, "run");
    assertThat(again.id()).isEqualTo(r1.id());
    assertThat(again.state()).isEqualTo("running");
    assertThat(again.stage()).isEqualTo("solve");
    await(s.rounds().state(r1.id(), "failed"));
    assertThat(open(s, "run").id()).isEqualTo(r1.id());
    await(s.rounds().finish(r1.id(), 1500, new JsonObject().put("x", 1)));
    await(s.rounds().state(r1.id(), "running")); // a done round stays done
    RoundInfo r2 = open(s, "run");
    assertThat(r2.roundNo()).isEqualTo(2);
    assertThat(open(s, "other").roundNo()).isEqualTo(1);
    RoundInfo done = await(s.rounds().get("run", 1));
    assertThat(done.done()).isTrue();
    assertThat(done.wallMs()).isEqualTo(1500);
    assertThat(done.report().getInteger("x")).isEqualTo(1);
    assertThat(await(s.rounds().get("run", 0)).roundNo()).isEqualTo(2);
    assertThat(await(s.rounds().get(null, 0)).run()).isEqualTo("other");
    assertThat(await(s.rounds().list())).extracting(RoundInfo::run).containsExactly("run", "run", "other");
    assertThat(await(s.rounds().config(r1.id())).getJsonObject("run").getString("out")).isEqualTo("o");
    assertThatThrownBy(() -> await(s.rounds().get("run", 9))).isInstanceOf(AssayException.class)
        .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.UNEXPECTED_STATE));
  }

  @Test
  void anUnfinishedRoundAskedForOtherWorkIsAbandonedAndTheNextOneOpens() {
    Store s = store();
    RoundInfo r1 = open(s, "run", "model-a");
    await(s.rounds().state(r1.id(), "cancelled"));
    RoundInfo r2 = open(s, "run", "model-b");
    assertThat(r2.roundNo()).isEqualTo(2);
    assertThat(await(s.rounds().get("run", 1)).state()).isEqualTo("abandoned");
    assertThat(open(s, "run", "model-b").id()).isEqualTo(r2.id());
  }

  @Test
  void problemsAreStoredOnceAndProposalsAtomicallyWithTheirKey() {
    Store s = store();
    long r = open(s, "run").id();
    Problem a = math("one", "1");
    Problem b = math("two", "2");
    await(s.problems().save(r, List.of(ProblemRow.valid(a), ProblemRow.valid(b))));
    await(s.problems().save(r, List.of(ProblemRow.valid(a))));
    Problem c = Problem.of(Domain.MATH, "proposed", a.id(), "", new JsonObject().put("problem", "three").put("answer", "3"));
    Problem d = Problem.of(Domain.MATH, "proposed", a.id(), "", new JsonObject().put("problem", "x").put("answer", ""));
    await(s.problems().saveProposal(r, a.id() + ":program", new Usage(3, 4, 1, 9),
        List.of(ProblemRow.valid(c), ProblemRow.dropped(d, "missing_answer", "item 1"))));
    assertThat(await(s.problems().proposed(r))).containsExactly(a.id() + ":program");
    assertThat(await(s.problems().list(r, false))).extracting(x -> x.problem().id()).containsExactly(a.id(), b.id(), c.id(), d.id());
    assertThat(await(s.problems().list(r, true))).hasSize(3);
    ProblemRow dropped = await(s.problems().list(r, false)).get(3);
    assertThat(dropped.dropReason()).isEqualTo("missing_answer");
    assertThat(dropped.problem().body().getString("problem")).isEqualTo("x");
    await(s.problems().update(r, List.of(ProblemRow.dropped(c, "near_duplicate", "0.9 similar"))));
    assertThat(await(s.problems().list(r, true))).hasSize(2);
    await(s.problems().saveScore(r, c.id(), 0.25, 1, 4));
    await(s.problems().saveScore(r, c.id(), 0.5, 2, 4));
    assertThat(await(s.problems().scores(r))).containsExactly(Map.entry(c.id(), 0.5));
  }

  @Test
  void aSolveIsStoredOnceAndVerdictsCanBeReplaced() {
    Store s = store();
    long r = open(s, "run").id();
    Problem p = math("one", "1");
    await(s.problems().save(r, List.of(ProblemRow.valid(p))));
    Attempt cut = attempt(p, 3, "d", "sample");
    cut = new Attempt(cut.problemId(), cut.idx(), cut.sampleId(), cut.text(), cut.promptTokens(), cut.completionTokens(),
        cut.model(), cut.seed(), cut.kind(), false, true);
    List<Attempt> four = List.of(attempt(p, 0, "a", "sample"), attempt(p, 1, "b", "sample"), attempt(p, 2, "c", "sample"),
        cut);
    await(s.attempts().saveSolve(r, p.id(), new Usage(40, 80, 1, 3), null, four, null));
    await(s.attempts().saveSolve(r, p.id(), new Usage(40, 80, 1, 3), null, List.of(attempt(p, 0, "other", "sample")), null));
    assertThat(await(s.attempts().solved(r))).containsExactly(p.id());
    assertThat(await(s.attempts().unverified(r))).extracting(Attempt::text).containsExactly("a", "b", "c", "d");
    await(s.attempts().saveVerdicts(r, List.of(verdict(p, 0, "ok"), verdict(p, 1, "wrong_answer"))));
    await(s.attempts().saveVerdicts(r, List.of(verdict(p, 1, "ok"))));
    assertThat(await(s.attempts().unverified(r))).extracting(Attempt::idx).containsExactly(2, 3);
    assertThat(await(s.attempts().unverified(r))).extracting(Attempt::truncated).as("cut at max_tokens")
        .containsExactly(false, true);
    assertThat(await(s.problems().passRates(r))).containsExactly(Map.entry(p.id(), new PassRate(2, 2)));
    assertThat(await(s.attempts().samples(r, SampleKey.FIRST, 3))).extracting(Attempt::idx).containsExactly(0, 1, 2);
    assertThat(await(s.attempts().samples(r, new SampleKey(p.id(), 2), 3))).extracting(Attempt::idx).containsExactly(3);
  }

  @Test
  void samplesArePagedInProblemThenIndexOrderAndKeepDecisionsAreCounted() {
    Store s = store();
    long r = open(s, "run").id();
    List<Problem> ps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Problem p = math("problem " + i, String.valueOf(i));
      ps.add(p);
      await(s.problems().save(r, List.of(ProblemRow.valid(p))));
      List<Attempt> as = List.of(attempt(p, 0, "x" + i, "sample"), attempt(p, 1, "y" + i, "sample"));
      await(s.attempts().saveSolve(r, p.id(), Usage.NONE, null, as, null));
      await(s.attempts().saveVerdicts(r, List.of(verdict(p, 0, "ok"), verdict(p, 1, i % 2 == 0 ? "ok" : "timeout"))));
    }
    List<KeptSample> all = new ArrayList<>();
    SampleKey after = SampleKey.FIRST;
    while (true) {
      List<KeptSample> page = await(s.samples().verified(r, after, 2));
      all.addAll(page);
      if (page.size() < 2) {
        break;
      }
      after = page.get(page.size() - 1).key();
    }
    assertThat(all).hasSize(8);
    assertThat(all).extracting(KeptSample::key).isSorted();
    assertThat(all.get(0).verdict().passed()).isTrue();
    assertThat(all.get(0).roundNo()).isEqualTo(1);
    assertThat(await(s.samples().failed(r, SampleKey.FIRST, 100))).hasSize(2)
        .allSatisfy(k -> assertThat(k.verdict().reason()).isEqualTo("timeout"));
    List<KeepDecision> d = new ArrayList<>();
    for (KeptSample k : all) {
      d.add(KeepDecision.of(k, k.attempt().idx() == 1 ? "duplicate" : null, ""));
    }
    int kept = await(s.samples().saveKeep(r, d.subList(0, 3))) + await(s.samples().saveKeep(r, d.subList(3, 8)));
    assertThat(kept).isEqualTo(5);
    assertThat(await(s.samples().kept(r, SampleKey.FIRST, 100))).hasSize(5);
    RoundCounts counts = await(s.rounds().counts(r));
    RoundCounts.DomainCounts m = counts.domains().get("math");
    assertThat(m.seeds()).isEqualTo(5);
    assertThat(m.attempts()).isEqualTo(10);
    assertThat(m.verdicts()).containsEntry("ok", 8L).containsEntry("timeout", 2L);
    assertThat(m.keepDrops()).containsExactly(Map.entry("duplicate", 3L));
    assertThat(m.kept()).isEqualTo(5);
    assertThat(m.passCounts()).containsExactlyInAnyOrder(new RoundCounts.PassCount(2, 2, 3), new RoundCounts.PassCount(1, 2, 2));
    assertThat(counts.unverified()).isZero();
    assertThat(counts.verifyMs()).isEqualTo(50);
    await(s.samples().clearKeep(r));
    assertThat(await(s.samples().kept(r, SampleKey.FIRST, 100))).isEmpty();
    SamplePage page = await(s.samples().list(new SampleFilter(r, "math", "timeout", 2, 0)));
    assertThat(page.items()).hasSize(2).allSatisfy(x -> assertThat(x.verdict()).isEqualTo("timeout"));
    assertThat(page.nextCursor()).isNull();
    SamplePage first = await(s.samples().list(new SampleFilter(r, "", "", 6, 0)));
    SamplePage rest = await(s.samples().list(new SampleFilter(r, "", "", 6, first.nextCursor())));
    assertThat(first.items()).hasSize(6);
    assertThat(rest.items()).hasSize(4);
    assertThat(rest.nextCursor()).isNull();
  }

  @Test
  void theModelRegistryKeepsEachModelOnceInOrder() {
    Store s = store();
    await(s.models().register(new ModelRecord("base", "run", "", "", "simulated", true, 0, "")));
    await(s.models().register(new ModelRecord("ft-1", "run", "base", "/d1.jsonl", "simulated", true, 1, "")));
    await(s.models().register(new ModelRecord("ft-1", "run", "base", "/other.jsonl", "x", false, 1, "")));
    assertThat(await(s.models().list("run"))).extracting(ModelRecord::name).containsExactly("base", "ft-1");
    assertThat(await(s.models().list("run")).get(1).dataset()).isEqualTo("/d1.jsonl");
    assertThat(await(s.models().list("none"))).isEmpty();
  }
}

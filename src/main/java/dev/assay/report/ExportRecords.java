package dev.assay.report;

import dev.assay.store.KeptSample;
import dev.assay.store.RoundInfo;
import dev.assay.store.Turn;
import java.util.List;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The records of kept samples as fine-tuning takes them: chat (SFT, what TRL and the OpenAI
 * fine-tuning API read), Alpaca, and DPO pairs; each with its provenance.
 */
public final class ExportRecords {
  private ExportRecords() {}

  /**
   * A chat record: the prompt's messages then the sample as the assistant's answer, with the
   * sample's round meta ({@code samples.jsonl}'s line).
   */
  public static JsonObject chat(KeptSample k, boolean simulated, JsonArray prompt, List<Turn> turns) {
    JsonArray messages = prompt.copy();
    if (turns.isEmpty()) {
      messages.add(new JsonObject().put("role", "assistant").put("content", k.attempt().text()));
    } else {
      turns.forEach(t -> messages.add(t.message()));
    }
    return new JsonObject()
        .put("id", k.attempt().sampleId())
        .put("messages", messages)
        .put("meta", new JsonObject()
            .put("problem_id", k.problem().id())
            .put("domain", k.problem().domain().wire())
            .put("origin", k.problem().origin())
            .put("source_id", k.problem().sourceId())
            .put("parent_id", k.problem().parentId())
            .put("round", k.roundNo())
            .put("model", k.attempt().model())
            .put("simulated", simulated)
            .put("sample_index", k.attempt().idx())
            .put("seed", k.attempt().seed())
            .put("verdict", k.verdict().reason())
            .put("verifier", k.verdict().verifier())
            .put("tokens", k.attempt().promptTokens() + k.attempt().completionTokens())
            .put("problem", k.problem().body()));
  }

  static JsonObject sft(KeptSample k, RoundInfo round, JsonArray prompt, List<Turn> turns) {
    return chat(k, round.simulated(), prompt, turns).put("meta", provenance(k, round).put("turns", turns.size()));
  }

  static JsonObject alpaca(KeptSample k, RoundInfo round, JsonArray prompt) {
    return new JsonObject().put("instruction", user(prompt)).put("input", "").put("output", k.attempt().text())
        .put("meta", provenance(k, round));
  }

  static JsonObject dpo(KeptSample chosen, KeptSample rejected, RoundInfo round, JsonArray prompt) {
    return new JsonObject().put("prompt", user(prompt)).put("chosen", chosen.attempt().text())
        .put("rejected", rejected.attempt().text())
        .put("meta", provenance(chosen, round).put("rejected_sample_index", rejected.attempt().idx())
            .put("rejected_verdict", rejected.verdict().reason()));
  }

  /** DPO from repair: the trajectory's first failed answer as rejected, its verified final answer as chosen. */
  static JsonObject repairPair(KeptSample k, RoundInfo round, JsonArray prompt, Turn failed) {
    return new JsonObject().put("prompt", user(prompt)).put("chosen", k.attempt().text()).put("rejected", failed.content())
        .put("meta", provenance(k, round).put("pair", "repair").put("rejected_turn", failed.turn())
            .put("rejected_verdict", failed.status()));
  }

  private static String user(JsonArray prompt) {
    return prompt.getJsonObject(prompt.size() - 1).getString("content");
  }

  /** Where a record came from: enough to trace it back to its problem, model, verifier and sandbox. */
  static JsonObject provenance(KeptSample k, RoundInfo round) {
    JsonObject report = round.report() == null ? new JsonObject() : round.report();
    return new JsonObject()
        .put("id", k.attempt().sampleId())
        .put("run", round.run())
        .put("round", round.roundNo())
        .put("problem_id", k.problem().id())
        .put("source_id", k.problem().sourceId())
        .put("origin", k.problem().origin())
        .put("domain", k.problem().domain().wire())
        .put("model", k.attempt().model())
        .put("simulated", round.simulated())
        .put("verifier", k.verdict().verifier())
        .put("verdict", k.verdict().reason())
        .put("sandbox", report.getString("sandbox", ""))
        .put("seed", k.attempt().seed())
        .put("sample_index", k.attempt().idx())
        .put("rationalized", k.attempt().rationalized())
        .put("problem", k.problem().body());
  }
}

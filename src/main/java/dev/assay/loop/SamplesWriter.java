package dev.assay.loop;

import dev.assay.store.KeptSample;
import dev.assay.loop.core.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One kept sample as a line of {@code samples.jsonl} (chat format, with its provenance). */
final class SamplesWriter {
  private SamplesWriter() {}

  static JsonObject line(KeptSample k, boolean simulated) {
    Problem p = k.problem();
    return new JsonObject()
        .put("id", k.attempt().sampleId())
        .put("messages", new JsonArray()
            .add(new JsonObject().put("role", "user").put("content", Prompts.solve(p)))
            .add(new JsonObject().put("role", "assistant").put("content", k.attempt().text())))
        .put("meta", new JsonObject()
            .put("problem_id", p.id())
            .put("domain", p.domain().wire())
            .put("origin", p.origin())
            .put("source_id", p.sourceId())
            .put("parent_id", p.parentId())
            .put("round", k.roundNo())
            .put("model", k.attempt().model())
            .put("simulated", simulated)
            .put("sample_index", k.attempt().idx())
            .put("seed", k.attempt().seed())
            .put("verdict", k.verdict().reason())
            .put("verifier", k.verdict().verifier())
            .put("tokens", k.attempt().promptTokens() + k.attempt().completionTokens())
            .put("problem", p.body()));
  }
}

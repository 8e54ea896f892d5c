package dev.assay.loop;

import dev.assay.store.KeptSample;
import dev.assay.loop.core.Problem;
import dev.assay.loop.prompt.PromptBook;
import dev.assay.loop.prompt.Vars;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One kept sample as a line of {@code samples.jsonl} (chat format, with its provenance). */
final class SamplesWriter {
  private SamplesWriter() {}

  /**
   * The messages the sample's request was sent with (system and user), or, for rounds stored before
   * prompts were kept, the user message {@code prompts} renders for its problem.
   */
  static JsonArray prompt(KeptSample k, PromptBook prompts) {
    if (k.prompt() != null) {
      return k.prompt();
    }
    Problem p = k.problem();
    String user = k.attempt().rationalized() ? prompts.render("solve/rationalize", Vars.rationalize(p)).user()
        : prompts.render(Vars.solveTask(p), Vars.solve(p)).user();
    return new JsonArray().add(new JsonObject().put("role", "user").put("content", user));
  }

  /** The user message of the sample's prompt. */
  static String user(KeptSample k, PromptBook prompts) {
    JsonArray m = prompt(k, prompts);
    return m.getJsonObject(m.size() - 1).getString("content");
  }

  static JsonObject line(KeptSample k, boolean simulated, PromptBook prompts) {
    Problem p = k.problem();
    return new JsonObject()
        .put("id", k.attempt().sampleId())
        .put("messages", prompt(k, prompts).copy()
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

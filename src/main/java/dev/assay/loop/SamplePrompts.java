package dev.assay.loop;

import dev.assay.loop.core.Problem;
import dev.assay.loop.prompt.PromptBook;
import dev.assay.loop.prompt.Vars;
import dev.assay.store.KeptSample;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The prompt a kept sample is trained with. */
public final class SamplePrompts {
  private SamplePrompts() {}

  /**
   * The messages the sample's request was sent with (system and user), or, for rounds stored before
   * prompts were kept, the user message {@code book} renders for its problem.
   */
  public static JsonArray of(KeptSample k, PromptBook book) {
    if (k.prompt() != null) {
      return k.prompt();
    }
    Problem p = k.problem();
    String user = k.attempt().rationalized() ? book.render("solve/rationalize", Vars.rationalize(p)).user()
        : book.render(Vars.solveTask(p), Vars.solve(p)).user();
    return new JsonArray().add(new JsonObject().put("role", "user").put("content", user));
  }
}

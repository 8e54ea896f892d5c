package dev.assay.verify.proposal;

import dev.assay.verify.code.CodeTask;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Tests a model wrote for a task, with the task's reference solution and, optionally, sampled
 * candidate solutions for dual agreement.
 *
 * @param id the task id
 * @param prompt the task prompt (a stub to append bodies to), may be ""
 * @param entryPoint the function the tests call
 * @param reference the reference solution (full code, or a body for the prompt)
 * @param tests Python assert statements calling the entry point
 * @param candidates sampled solutions, may be empty
 */
public record GeneratedSuite(
    String id, String prompt, String entryPoint, String reference, List<String> tests,
    List<String> candidates) {

  public GeneratedSuite {
    prompt = prompt == null ? "" : prompt;
    tests = List.copyOf(tests);
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }

  /** A seed-format task running the given subset of the tests. */
  CodeTask task(List<String> subset) {
    return CodeTask.fromJson(new JsonObject().put("id", id).put("prompt", prompt)
        .put("entry_point", entryPoint).put("tests", new JsonArray(subset)), "seed");
  }
}

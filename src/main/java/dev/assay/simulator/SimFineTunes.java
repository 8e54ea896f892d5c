package dev.assay.simulator;

import dev.assay.AssayException;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated fine-tunes (issue 6): a registered model's {@link SimSkill} comes from the SFT chat
 * JSONL it was "trained" on: {@code boost = min(0.5, problems / 400)} where {@code problems}
 * counts distinct {@code meta.problem_id} (else distinct prompts); a fine-tune of a fine-tune
 * compounds ({@code 1 - (1 - b1)(1 - b2)}) and keeps its parent's known prompts. Models live in
 * memory: after a restart the hook registers them again (same name and dataset = same model).
 */
final class SimFineTunes {
  static final double MAX_BOOST = 0.5;
  static final int PROBLEMS_SCALE = 400;

  /** One registered model; {@code digest} identifies the dataset's content. */
  record Model(String name, String baseModel, String dataset, long digest, int problems, int samples, SimSkill skill) {}

  private final Map<String, Model> models = new ConcurrentHashMap<>();

  /** The skill of {@code model}: the base model's for null, the base name or an unknown name. */
  SimSkill skill(String model) {
    Model m = model == null ? null : models.get(model);
    return m == null ? SimSkill.BASE : m.skill();
  }

  boolean isRegistered(String model) {
    return model != null && models.containsKey(model);
  }

  List<Model> all() {
    List<Model> out = new ArrayList<>(models.values());
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /**
   * Blocking (reads the dataset). Registers {@code name}; the same name with the same dataset
   * (path and content) returns the existing model, another dataset replaces it.
   *
   * @throws AssayException INVALID_INPUT when the dataset cannot be read or holds no sample
   */
  Model register(String name, String baseModel, Path dataset) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataset, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw AssayException.invalid("finetune: cannot read dataset " + dataset + ": " + e.getMessage());
    }
    long digest = SimRandom.hash(String.join("\n", lines));
    Model existing = models.get(name);
    if (existing != null && existing.dataset().equals(dataset.toString()) && existing.digest() == digest
        && existing.baseModel().equals(baseModel)) {
      return existing;
    }
    Set<String> problems = new HashSet<>();
    Set<String> known = new HashSet<>();
    int samples = 0;
    for (String line : lines) {
      String prompt = prompt(line);
      if (prompt != null) {
        samples++;
        known.add(SimRandom.normalise(prompt));
        problems.add(problemId(line, prompt));
      }
    }
    if (samples == 0) {
      throw AssayException.invalid("finetune: dataset " + dataset + " holds no chat sample"
          + " (each line needs messages with a user message's content)");
    }
    SimSkill parent = name.equals(baseModel) ? SimSkill.BASE : skill(baseModel);
    double own = Math.min(MAX_BOOST, problems.size() / (double) PROBLEMS_SCALE);
    known.addAll(parent.known());
    SimSkill skill = new SimSkill(name, parent.boost() + (1 - parent.boost()) * own, known);
    Model m = new Model(name, baseModel, dataset.toString(), digest, problems.size(), samples, skill);
    models.put(name, m);
    return m;
  }

  /** The training prompt of a line: its last user message, else its first message. */
  private static String prompt(String line) {
    try {
      JsonArray messages = new JsonObject(line).getJsonArray("messages");
      String first = null;
      String user = null;
      for (int i = 0; messages != null && i < messages.size(); i++) {
        if (messages.getValue(i) instanceof JsonObject m && m.getValue("content") instanceof String s) {
          first = first == null ? s : first;
          user = "user".equals(m.getValue("role")) ? s : user;
        }
      }
      return user != null ? user : first;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static String problemId(String line, String prompt) {
    JsonObject meta = new JsonObject(line).getValue("meta") instanceof JsonObject o ? o : new JsonObject();
    Object id = meta.getValue("problem_id");
    return id != null ? "id:" + id : "prompt:" + SimRandom.normalise(prompt);
  }

  /** The endpoint's reply for a model; rates are the correct shares after the boost. */
  static JsonObject describe(Model m, SimBrain brain) {
    SimSkill s = m.skill();
    return new JsonObject().put("model", m.name()).put("simulated", true).put("base_model", m.baseModel())
        .put("dataset", m.dataset()).put("skill", new JsonObject()
            .put("boost", s.boost()).put("problems", m.problems()).put("samples", m.samples())
            .put("known_prompts", s.known().size())
            .put("math_correct", s.correctRate(brain.baseCorrectRate("math")))
            .put("code_correct", s.correctRate(brain.baseCorrectRate("code")))
            .put("known_prompt_correct", SimSkill.KNOWN_CORRECT));
  }
}

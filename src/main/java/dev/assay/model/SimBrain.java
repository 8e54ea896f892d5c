package dev.assay.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulated model says. Choice {@code index}'s text is a pure function of (simulator
 * seed, request seed, the full prompt, index); the outcome of a solve depends on (simulator
 * seed, request seed, the problem, index) only, never on request order or {@code n}. The
 * self-play prompts (TinyGSM and code-reasoning proposals, deduction, abduction, induction, hinted
 * solves) are answered by {@link SimSelfPlay}; the four original prompts are unchanged. A
 * fine-tuned model ({@link SimSkill}) draws the same base outcome and may only promote a wrong
 * one to correct, with an RNG that does not depend on the model's name.
 */
final class SimBrain {
  static final String MATH_PROPOSE = "Write ";
  static final String MATH_SOLVE = "Solve the following math problem.";
  static final String CODE_SOLVE = "Complete the following Python function.";
  /** About one proposal reply in this many is defective on purpose. */
  static final int DEFECT_ONE_IN = 12;

  private static final Pattern PROPOSE = Pattern.compile(
      "Write (\\d+) new (math word problems|Python programming tasks) similar to the example");
  private static final Pattern EXAMPLE = Pattern.compile("(?s)<<<\\n?(.*)\\n>>>");

  private final long seed;
  private final Knowledge knowledge;
  private final Map<SimOutcome, Double> mathWeights;
  private final Map<SimOutcome, Double> codeWeights;
  private final SimSelfPlay selfPlay;

  SimBrain(long seed, Map<String, Double> outcomes, Knowledge knowledge) {
    this.seed = seed;
    this.knowledge = knowledge;
    this.mathWeights = SimOutcome.weights(outcomes, "math");
    this.codeWeights = SimOutcome.weights(outcomes, "code");
    this.selfPlay = new SimSelfPlay(seed, mathWeights, codeWeights);
  }

  /** The text of choice {@code index}, as the base model. */
  String reply(List<ChatMessage> messages, Long requestSeed, int index) {
    return reply(messages, requestSeed, index, SimSkill.BASE);
  }

  /** The text of choice {@code index} from a model with {@code skill} (see {@link SimSkill}). */
  String reply(List<ChatMessage> messages, Long requestSeed, int index, SimSkill skill) {
    StringBuilder full = new StringBuilder();
    String user = "";
    for (ChatMessage m : messages) {
      full.append(m.role()).append('\n').append(m.content()).append('\n');
      user = m.role().equals("user") ? m.content() : user;
    }
    SplittableRandom form = SimRandom.of(seed, requestSeed, full, index, "form");
    String body = user.contains("\n\n") ? user.substring(user.indexOf("\n\n") + 2) : "";
    String lastUser = user;
    String played = selfPlay.reply(user, body, requestSeed, index, form,
        (weights, key) -> outcome(weights, requestSeed, key, index, skill, lastUser));
    if (played != null) {
      return played;
    }
    Matcher propose = PROPOSE.matcher(user);
    if (propose.lookingAt()) {
      int k = Math.max(1, Math.min(50, Integer.parseInt(propose.group(1))));
      Matcher ex = EXAMPLE.matcher(user);
      String example = ex.find() ? ex.group(1) : "";
      SplittableRandom rng = SimRandom.of(seed, requestSeed, "propose", example, k, index);
      return propose.group(2).startsWith("math")
          ? SimProposals.math(example, k, rng)
          : SimProposals.code(example, k, rng, user.contains("\"solution\""));
    }
    if (user.startsWith(MATH_SOLVE)) {
      return solveMath(body, outcome(mathWeights, requestSeed, body, index, skill, user), form);
    }
    if (user.startsWith(CODE_SOLVE)) {
      return solveCode(body, outcome(codeWeights, requestSeed, body, index, skill, user), form);
    }
    return "I am the Assay simulated model. I answer the four Assay prompts"
        + " (math/code propose, math/code solve) and nothing else.";
  }

  private SimOutcome outcome(Map<SimOutcome, Double> weights, Long requestSeed, String problem, int index) {
    return SimOutcome.draw(weights,
        SimRandom.of(seed, requestSeed, "outcome", SimRandom.normalise(problem), index));
  }

  /** The base draw; a skilled model may promote a non-correct draw to correct with its own RNG. */
  private SimOutcome outcome(Map<SimOutcome, Double> weights, Long requestSeed, String problem,
      int index, SimSkill skill, String user) {
    SimOutcome o = outcome(weights, requestSeed, problem, index);
    if (o == SimOutcome.CORRECT || skill.model() == null) {
      return o;
    }
    double p = skill.promotion(user, correctShare(weights));
    SplittableRandom promote = SimRandom.of(seed, requestSeed, "skill", SimRandom.normalise(problem), index);
    return promote.nextDouble() < p ? SimOutcome.CORRECT : o;
  }

  /** Share of correct draws for a domain ("math" or "code") before any fine-tune. */
  double baseCorrectRate(String domain) {
    return correctShare(domain.equals("math") ? mathWeights : codeWeights);
  }

  private static double correctShare(Map<SimOutcome, Double> w) {
    double total = w.values().stream().mapToDouble(Double::doubleValue).sum();
    return w.getOrDefault(SimOutcome.CORRECT, 0.0) / total;
  }

  private String solveMath(String problem, SimOutcome o, SplittableRandom form) {
    Optional<MathTemplates.Solved> mine = MathTemplates.solve(problem);
    if (mine.isPresent()) {
      return SimWriters.math(problem, mine.get().answer(), mine.get().steps(), o, form);
    }
    String answer = knowledge.math(problem).map(Knowledge.Math::answer).orElse(null);
    return SimWriters.math(problem, answer, List.of("I set up the relationships the problem describes."), o, form);
  }

  private String solveCode(String prompt, SimOutcome o, SplittableRandom form) {
    Optional<Knowledge.Code> known = knowledge.code(prompt);
    if (known.isPresent()) {
      return SimWriters.code(prompt, known.get().entryPoint(), known.get().solution(), o, form);
    }
    Optional<CodeTemplates.Task> mine = CodeTemplates.known(prompt);
    if (mine.isPresent()) {
      return SimWriters.code(prompt, mine.get().name(), mine.get().solution(), o, form);
    }
    return knowledge.codeByEntryPoint(prompt)
        .map(k -> SimWriters.code(prompt, k.entryPoint(), k.solution(), o, form))
        .orElseGet(() -> SimWriters.code(prompt, null, null, o, form));
  }

  /** Proposal replies: JSON arrays of new problems, now and then defective on purpose. */
  static final class SimProposals {
    private SimProposals() {}

    static String math(String example, int k, SplittableRandom rng) {
      MathTemplates.Family main = MathTemplates.familyOf(example);
      MathTemplates.Family[] all = MathTemplates.Family.values();
      int defect = rng.nextInt(DEFECT_ONE_IN) == 0 ? 1 + rng.nextInt(2) : 0;
      JsonArray items = new JsonArray();
      for (int i = 0; i < k; i++) {
        MathTemplates.Family f = rng.nextInt(10) < 7 ? main : SimRandom.pick(rng, all);
        MathTemplates.Solved s = MathTemplates.generate(f, rng);
        JsonObject item = new JsonObject().put("problem", s.problem());
        if (!(defect == 1 && i == 0)) {
          item.put("answer", s.answer());
        }
        items.add(item);
      }
      return render(items, defect == 2);
    }

    /**
     * Code tasks with tests; with {@code withSolution} (the prompt asks for one) each item also
     * carries its reference solution, and about one item in ten has a weak suite that a constant
     * passes, decided without touching {@code rng} so replies without solutions stay as they were.
     */
    static String code(String example, int k, SplittableRandom rng, boolean withSolution) {
      int main = CodeTemplates.familyOf(example);
      int defect = rng.nextInt(DEFECT_ONE_IN) == 0 ? 1 + rng.nextInt(2) : 0;
      JsonArray items = new JsonArray();
      for (int i = 0; i < k; i++) {
        int f = rng.nextInt(10) < 6 ? main : rng.nextInt(CodeTemplates.families());
        CodeTemplates.Task t = CodeTemplates.byName(CodeTemplates.variantName(f, rng)).orElseThrow();
        List<String> tests = defect == 1 && i == 0 ? List.of() : t.tests(rng);
        if (withSolution && !tests.isEmpty() && Math.floorMod((example + "#" + i).hashCode(), 10) == 0) {
          tests = List.of("assert " + t.name() + " is not None", "assert callable(" + t.name() + ")");
        }
        JsonObject item = new JsonObject().put("prompt", t.prompt()).put("entry_point", t.name())
            .put("tests", new JsonArray(new java.util.ArrayList<Object>(tests)));
        if (withSolution) {
          item.put("solution", t.solution());
        }
        items.add(item);
      }
      return render(items, defect == 2);
    }

    private static String render(JsonArray items, boolean broken) {
      String json = items.encodePrettily();
      return broken ? json.substring(0, json.length() / 2) : json;
    }
  }
}

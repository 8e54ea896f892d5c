package dev.assay.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What the simulated model says. It knows what a request is from its task and variables
 * ({@link SimTask}), never from the wording of the messages, so any prompt template works. Choice
 * {@code index}'s text is a pure function of (simulator seed, request seed, task, the task's
 * variables, index); the outcome of a solve depends on (simulator seed, request seed, the problem,
 * index) only, never on request order or {@code n}. A fine-tuned model ({@link SimSkill}) draws
 * the same base outcome and may only promote a wrong one to correct, with an RNG that does not
 * depend on the model's name.
 */
final class SimBrain {
  /** About one proposal reply in this many is defective on purpose. */
  static final int DEFECT_ONE_IN = 12;
  static final String GENERIC = "I am the Assay simulated model, not a real LLM. I answer the requests"
      + " of the Assay loop, which name their task and variables in the X-Assay-Task and X-Assay-Vars"
      + " headers; this request named no task I know.";

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
  String reply(SimTask t, int index) {
    return reply(t, index, SimSkill.BASE);
  }

  /** The text of choice {@code index} from a model with {@code skill} (see {@link SimSkill}). */
  String reply(SimTask t, int index, SimSkill skill) {
    return reply(t, index, skill, null);
  }

  /**
   * The text of choice {@code index} with the outcome {@code forced} instead of the drawn one (null:
   * drawn as always); the text's form is drawn as always.
   */
  String reply(SimTask t, int index, SimSkill skill, SimOutcome forced) {
    Long rs = t.seed();
    SplittableRandom form = SimRandom.of(seed, rs, t.task(), t.key(), index, "form");
    return switch (t.task()) {
      case "propose/math" -> SimProposals.math(t.example(), t.k(),
          SimRandom.of(seed, rs, "propose", t.example(), t.k(), index));
      case "propose/code-tasks" -> SimProposals.code(t.example(), t.k(),
          SimRandom.of(seed, rs, "propose", t.example(), t.k(), index));
      case "propose/math-program" -> SimSelfPlay.proposeMath(t.example(), t.k(),
          SimRandom.of(seed, rs, "tinygsm", t.example(), t.k(), index));
      case "propose/code-reasoning" -> SimSelfPlay.proposeReasoning(t.example(), t.k(),
          SimRandom.of(seed, rs, "reasoning", t.example(), t.k(), index));
      case "solve/math" -> solveMath(t.statement(), pick(forced, mathWeights, t, index, skill), form,
          t.string("answer_format"));
      case "solve/code" -> solveCode(t.statement(), pick(forced, codeWeights, t, index, skill), form);
      case "solve/rationalize" -> selfPlay.rationalize(t.statement(), t.string("answer").trim(), rs, index, form);
      case "solve/deduction" -> SimReasoningWriters.deduceOrAbduce(t.string("program"), t.string("input"), true,
          pick(forced, selfPlay.reasoningWeights(), t, index, skill), form);
      case "solve/abduction" -> SimReasoningWriters.deduceOrAbduce(t.string("program"), t.string("output"), false,
          pick(forced, selfPlay.reasoningWeights(), t, index, skill), form);
      case "solve/induction" -> SimReasoningWriters.induce(t.string("description"), t.examples(),
          pick(forced, selfPlay.inductionWeights(), t, index, skill), form);
      default -> GENERIC;
    };
  }

  private SimOutcome pick(SimOutcome forced, Map<SimOutcome, Double> weights, SimTask t, int index, SimSkill skill) {
    return forced != null ? forced : outcome(weights, t, index, skill);
  }

  /** The outcome weights of a solve task whose answers can be right or wrong; null for any other task. */
  Map<SimOutcome, Double> weights(String task) {
    return switch (task) {
      case "solve/math" -> mathWeights;
      case "solve/code" -> codeWeights;
      case "solve/deduction", "solve/abduction" -> selfPlay.reasoningWeights();
      case "solve/induction" -> selfPlay.inductionWeights();
      default -> null;
    };
  }

  /** The outcome choice {@code index} of {@code t} draws (the one {@link #reply} uses); null for a task without weights. */
  SimOutcome outcome(SimTask t, int index, SimSkill skill) {
    Map<SimOutcome, Double> w = weights(t.task());
    return w == null ? null : outcome(w, t, index, skill);
  }

  private SimOutcome outcome(Map<SimOutcome, Double> weights, Long requestSeed, String key, int index) {
    return SimOutcome.draw(weights, SimRandom.of(seed, requestSeed, "outcome", SimRandom.normalise(key), index));
  }

  /** The base draw; a skilled model may promote a non-correct draw to correct with its own RNG. */
  private SimOutcome outcome(Map<SimOutcome, Double> weights, SimTask t, int index, SimSkill skill) {
    String key = t.key();
    SimOutcome o = outcome(weights, t.seed(), key, index);
    if (o == SimOutcome.CORRECT || skill.model() == null) {
      return o;
    }
    double p = skill.promotion(t.user(), correctShare(weights));
    SplittableRandom promote = SimRandom.of(seed, t.seed(), "skill", SimRandom.normalise(key), index);
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

  private String solveMath(String problem, SimOutcome o, SplittableRandom form, String answerFormat) {
    Optional<MathTemplates.Solved> mine = MathTemplates.solve(problem);
    if (mine.isPresent()) {
      return SimWriters.math(problem, mine.get().answer(), mine.get().steps(), o, form, answerFormat);
    }
    String answer = knowledge.math(problem).map(Knowledge.Math::answer).orElse(null);
    return SimWriters.math(problem, answer, List.of("I set up the relationships the problem describes."), o, form,
        answerFormat);
  }

  private String solveCode(String prompt, SimOutcome o, SplittableRandom form) {
    Knowledge.Code k = knownCode(prompt);
    return SimWriters.code(prompt, k.entryPoint(), k.solution(), o, form);
  }

  /** The reference the simulator knows for a code prompt; entry point and solution null when it knows none. */
  Knowledge.Code knownCode(String prompt) {
    Optional<Knowledge.Code> known = knowledge.code(prompt);
    if (known.isPresent()) {
      return known.get();
    }
    Optional<CodeTemplates.Task> mine = CodeTemplates.known(prompt);
    if (mine.isPresent()) {
      return new Knowledge.Code(mine.get().name(), mine.get().solution());
    }
    return knowledge.codeByEntryPoint(prompt).orElse(new Knowledge.Code(null, null));
  }

  /** The final answer to a math problem after a tool call printed {@code value}: that value, as the request's format asks. */
  String mathFromTool(SimTask t, int index, String value) {
    SplittableRandom form = SimRandom.of(seed, t.seed(), t.task(), t.key(), index, "form");
    return SimWriters.math(t.statement(), value, List.of("I ran the computation in Python; it printed " + value + "."),
        SimOutcome.CORRECT, form, t.string("answer_format"));
  }

  /** The right answer of a math problem as far as the simulator knows it, null when it does not. */
  String mathAnswer(String problem) {
    Optional<MathTemplates.Solved> mine = MathTemplates.solve(problem);
    return mine.isPresent() ? mine.get().answer() : knowledge.math(problem).map(Knowledge.Math::answer).orElse(null);
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
     * Code tasks with tests and each one's reference solution; about one item in ten has a weak
     * suite that a constant passes, and about one reply in twelve is defective.
     */
    static String code(String example, int k, SplittableRandom rng) {
      int main = CodeTemplates.familyOf(example);
      int defect = rng.nextInt(DEFECT_ONE_IN) == 0 ? 1 + rng.nextInt(2) : 0;
      JsonArray items = new JsonArray();
      for (int i = 0; i < k; i++) {
        int f = rng.nextInt(10) < 6 ? main : rng.nextInt(CodeTemplates.families());
        CodeTemplates.Task t = CodeTemplates.byName(CodeTemplates.variantName(f, rng)).orElseThrow();
        List<String> tests = defect == 1 && i == 0 ? List.of() : t.tests(rng);
        if (!tests.isEmpty() && Math.floorMod((example + "#" + i).hashCode(), 10) == 0) {
          tests = List.of("assert " + t.name() + " is not None", "assert callable(" + t.name() + ")");
        }
        items.add(new JsonObject().put("prompt", t.prompt()).put("entry_point", t.name())
            .put("tests", new JsonArray(new java.util.ArrayList<Object>(tests))).put("solution", t.solution()));
      }
      return render(items, defect == 2);
    }

    private static String render(JsonArray items, boolean broken) {
      String json = items.encodePrettily();
      return broken ? json.substring(0, json.length() / 2) : json;
    }
  }
}

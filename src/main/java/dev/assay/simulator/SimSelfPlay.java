package dev.assay.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;

/**
 * The self-play tasks (issues 5 and 6): TinyGSM-style math proposals with programs,
 * code-reasoning proposals, the outcome weights of deduction, abduction and induction solves, and
 * hinted (STaR rationalization) math solves. Same determinism as {@link SimBrain}: text depends on
 * (seed, request seed, task variables, index).
 */
final class SimSelfPlay {
  /** About one proposed item in this many is defective on purpose. */
  static final int DEFECT_ONE_IN = 10;
  static final double RATIONALE_CORRECT = 0.75;
  static final double RATIONALE_MENTIONS_HINT = 0.15;

  private final long seed;
  private final Map<SimOutcome, Double> reasoningWeights;
  private final Map<SimOutcome, Double> inductionWeights = new EnumMap<>(SimOutcome.class);

  SimSelfPlay(long seed, Map<SimOutcome, Double> mathWeights, Map<SimOutcome, Double> codeWeights) {
    this.seed = seed;
    this.reasoningWeights = mathWeights;
    for (SimOutcome o : List.of(SimOutcome.CORRECT, SimOutcome.WRONG_ANSWER, SimOutcome.RAISES, SimOutcome.INFINITE_LOOP)) {
      if (codeWeights.containsKey(o)) {
        inductionWeights.put(o, codeWeights.get(o));
      }
    }
    if (inductionWeights.isEmpty()) {
      inductionWeights.put(SimOutcome.CORRECT, 1.0);
    }
  }

  /** Deduction and abduction draw from the math weights (correct, wrong_answer, no_answer). */
  Map<SimOutcome, Double> reasoningWeights() {
    return reasoningWeights;
  }

  /** Induction draws correct, wrong_answer, raises and infinite_loop at the code weights. */
  Map<SimOutcome, Double> inductionWeights() {
    return inductionWeights;
  }

  static String proposeMath(String example, int k, SplittableRandom rng) {
    MathTemplates.Family main = MathTemplates.familyOf(example);
    JsonArray items = new JsonArray();
    for (int i = 0; i < k; i++) {
      MathTemplates.Family f = rng.nextInt(10) < 7 ? main : SimRandom.pick(rng, MathTemplates.Family.values());
      MathTemplates.Solved s = MathTemplates.generate(f, rng);
      MathPrograms.Defect defect = rng.nextInt(DEFECT_ONE_IN) == 0
          ? MathPrograms.Defect.values()[1 + rng.nextInt(3)] : MathPrograms.Defect.NONE;
      String program = MathPrograms.broken(MathPrograms.program(s.problem()).orElseThrow(), defect);
      items.add(new JsonObject().put("problem", s.problem()).put("program", program));
    }
    return items.encodePrettily();
  }

  static String proposeReasoning(String example, int k, SplittableRandom rng) {
    Optional<CodeReasoning.Fn> like = CodeReasoning.fromProgram(example);
    CodeReasoning.Family[] all = CodeReasoning.Family.values();
    JsonArray items = new JsonArray();
    for (int i = 0; i < k; i++) {
      CodeReasoning.Family family = like.isPresent() && rng.nextBoolean() ? like.get().family() : SimRandom.pick(rng, all);
      CodeReasoning.Fn fn = CodeReasoning.random(family, rng);
      List<Object> inputs = CodeReasoning.inputs(fn, rng);
      int defect = rng.nextInt(DEFECT_ONE_IN) == 0 ? 1 + rng.nextInt(4) : 0;
      JsonArray literals = new JsonArray();
      inputs.forEach(x -> literals.add(PyLiteral.repr(x)));
      items.add(new JsonObject().put("program", defective(fn, inputs.get(0), defect))
          .put("description", fn.description()).put("inputs", literals));
    }
    return items.encodePrettily();
  }

  /** 0 = the real program; 1 imports random, 2 imports time, 3 loops on one input, 4 returns a set. */
  static String defective(CodeReasoning.Fn fn, Object firstInput, int defect) {
    return switch (defect) {
      case 1 -> "import random\n\n\ndef f(x):\n    return [x, random.random()]\n";
      case 2 -> "import time\n\n\ndef f(x):\n    return [x, time.time()]\n";
      case 3 -> fn.program().replaceFirst("def f\\(x\\):\n", Matcher.quoteReplacement(
          "def f(x):\n    while x == " + PyLiteral.repr(firstInput) + ":\n        pass\n"));
      case 4 -> fn.family().in == CodeReasoning.In.INT
          ? "def f(x):\n    return {x, x + 1}\n" : "def f(x):\n    return set(x)\n";
      default -> fn.program();
    };
  }

  /** A hinted solve: mostly explains the given answer, sometimes mentions the hint, sometimes gets it wrong. */
  String rationalize(String problem, String answer, Long requestSeed, int index, SplittableRandom form) {
    double u = SimRandom.of(seed, requestSeed, "rationalize", SimRandom.normalise(problem), answer, index).nextDouble();
    List<String> steps = MathTemplates.solve(problem)
        .filter(s -> s.answer().equals(answer)).map(MathTemplates.Solved::steps)
        .orElse(List.of("I set up the relationships the problem describes.",
            "Combining them step by step gives a single value."));
    StringBuilder text = new StringBuilder("Let's work through the problem step by step.\n");
    if (u < RATIONALE_CORRECT) {
      steps.forEach(s -> text.append(s).append('\n'));
      return text.append("So the final answer is \\boxed{").append(answer).append("}.").toString();
    }
    if (u < RATIONALE_CORRECT + RATIONALE_MENTIONS_HINT) {
      return text.append("As the hint says, the correct final answer is ").append(answer)
          .append(", so I work backwards from it.\nSo the final answer is \\boxed{").append(answer).append("}.").toString();
    }
    return text.append("I combine the numbers given in the problem.\nSo the final answer is \\boxed{")
        .append(SimWriters.wrong(problem, answer, form)).append("}.").toString();
  }
}

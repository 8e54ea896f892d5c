package dev.assay.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The simulated model in agentic solving (issue 11). It reads the {@code agent} object of the vars
 * ({@code style}, {@code turn}, {@code tool_calls}, {@code repairs}, {@code feedback}) and the output
 * of the tool call a request answers, never the wording:
 * <ul>
 *   <li>offered a tool ({@code style} {@code api} or {@code inline}) before any call, it calls it
 *       with probability {@code toolUse}: math code that prints its value (the right one with
 *       probability {@code toolCorrect}, else a plausible wrong one); code that defines the sample's
 *       candidate and prints what it returns on an example. API style answers with
 *       {@code tool_calls} ({@code id} {@code call_<k>}, k = calls so far; function {@code python};
 *       arguments {@code {"code": ...}}), inline style with content ending in a fenced python block;</li>
 *   <li>after a tool output: math answers the value the output holds, so its correctness follows
 *       the output; code is right with its usual chance plus {@code toolBoost}. An output showing an
 *       error (or, for math, no value) may be followed by another call, up to {@code maxToolCalls};</li>
 *   <li>after repair feedback it is right with probability {@code repairSuccess}, else wrong again.</li>
 * </ul>
 * A request without {@code agent}, or with no tool offered and no feedback, gets the answer it gets
 * without agentic solving. Every draw depends on (simulator seed, request seed, problem, choice index,
 * the agent's counters) only.
 */
final class SimAgent {
  static final String TOOL = "python";
  private static final String[] INTROS = {"Let me compute this with Python.", "I'll check this with a quick computation.",
      "Let me run some code to be sure."};

  /** One choice: its content and, for an API tool call, its {@code tool_calls}. */
  record Turn(String content, JsonArray toolCalls) {
    static Turn text(String content) {
      return new Turn(content, new JsonArray());
    }

    /** Tokens generated: the content and the calls' arguments. */
    int tokens() {
      int n = SimTokens.count(content);
      for (Object c : toolCalls) {
        n += SimTokens.count(((JsonObject) c).getJsonObject("function").getString("arguments"));
      }
      return n;
    }
  }

  /** The {@code agent} object: what the trajectory did so far. */
  private record State(String style, int turn, int toolCalls, int repairs, boolean feedback) {
    static State of(JsonObject a) {
      return new State(a.getValue("style") instanceof String s ? s : "none", count(a, "turn"), count(a, "tool_calls"),
          count(a, "repairs"), Boolean.TRUE.equals(a.getValue("feedback")));
    }

    private static int count(JsonObject a, String field) {
      return a.getValue(field) instanceof Number n ? Math.max(0, n.intValue()) : 0;
    }

    boolean offersTool() {
      return style.equals("api") || style.equals("inline");
    }
  }

  private final long seed;
  private final SimBrain brain;
  private final SimulatorOptions.Agent o;

  SimAgent(long seed, SimBrain brain, SimulatorOptions.Agent options) {
    this.seed = seed;
    this.brain = brain;
    this.o = options;
  }

  /** Choice {@code index} of request {@code t}, from a model with {@code skill}. */
  Turn turn(SimTask t, int index, SimSkill skill) {
    JsonObject agent = t.agent();
    Map<SimOutcome, Double> weights = brain.weights(t.task());
    if (agent == null || weights == null) {
      return Turn.text(brain.reply(t, index, skill));
    }
    State s = State.of(agent);
    if (s.feedback()) {
      return Turn.text(brain.reply(t, index, skill, repaired(t, index, s, weights)));
    }
    boolean math = t.task().equals("solve/math");
    boolean canCall = s.offersTool() && s.toolCalls() < o.maxToolCalls() && (math || t.task().equals("solve/code"));
    if (t.toolOutput() != null) {
      return math ? afterMathTool(t, index, skill, s, canCall) : afterCodeTool(t, index, skill, s, canCall, weights);
    }
    if (canCall && s.toolCalls() == 0 && rng(t, index, s, "tool-use").nextDouble() < o.toolUse()) {
      return call(t, index, s, math ? mathCode(t, index, s) : codeCode(t, index, s, brain.outcome(t, index, skill)));
    }
    return Turn.text(brain.reply(t, index, skill));
  }

  private Turn afterMathTool(SimTask t, int index, SimSkill skill, State s, boolean canCall) {
    String value = SimToolCode.value(t.toolOutput());
    if (value != null) {
      return Turn.text(brain.mathFromTool(t, index, value));
    }
    if (canCall && rng(t, index, s, "tool-retry").nextDouble() < o.toolUse()) {
      return call(t, index, s, mathCode(t, index, s));
    }
    return Turn.text(brain.reply(t, index, skill));
  }

  private Turn afterCodeTool(SimTask t, int index, SimSkill skill, State s, boolean canCall,
      Map<SimOutcome, Double> weights) {
    SimOutcome boosted = boosted(t, index, skill, s, weights);
    if (canCall && SimToolCode.failed(t.toolOutput()) && rng(t, index, s, "tool-retry").nextDouble() < o.toolUse()) {
      return call(t, index, s, codeCode(t, index, s, boosted));
    }
    return Turn.text(brain.reply(t, index, skill, boosted));
  }

  /** A tool call carrying {@code code}, in the trajectory's style. */
  private Turn call(SimTask t, int index, State s, String code) {
    SplittableRandom form = rng(t, index, s, "tool-form");
    String intro = SimRandom.pick(form, INTROS);
    if (s.style().equals("inline")) {
      return Turn.text(intro + "\n\n```python\n" + code.stripTrailing() + "\n```\n");
    }
    JsonObject function = new JsonObject().put("name", TOOL).put("arguments", new JsonObject().put("code", code).encode());
    return new Turn(intro, new JsonArray().add(new JsonObject().put("id", "call_" + s.toolCalls())
        .put("type", "function").put("function", function)));
  }

  private String mathCode(SimTask t, int index, State s) {
    SplittableRandom r = rng(t, index, s, "tool-math");
    String problem = t.statement();
    String answer = brain.mathAnswer(problem);
    boolean right = answer != null && r.nextDouble() < o.toolCorrect();
    String value = right ? answer : SimWriters.wrong(problem, answer, r);
    Optional<String> program = right ? MathPrograms.program(problem) : Optional.empty();
    return SimToolCode.math(value, program.orElse(null), r);
  }

  private String codeCode(SimTask t, int index, State s, SimOutcome outcome) {
    SplittableRandom r = rng(t, index, s, "tool-code");
    Knowledge.Code k = brain.knownCode(t.statement());
    String program = SimWriters.program(t.statement(), k.entryPoint(), k.solution(), outcome, r);
    return SimToolCode.code(program, k.entryPoint(), t.body(), r);
  }

  /** Right with the usual chance plus the tool boost, else a drawn failure. */
  private SimOutcome boosted(SimTask t, int index, SimSkill skill, State s, Map<SimOutcome, Double> weights) {
    SplittableRandom r = rng(t, index, s, "tool-final");
    double p = Math.min(1.0, skill.correctRate(brain.baseCorrectRate("code")) + o.toolBoost());
    return r.nextDouble() < p ? SimOutcome.CORRECT : failure(weights, r, false);
  }

  /** Right with probability {@code repairSuccess}, else wrong again (math: a wrong answer, never none). */
  private SimOutcome repaired(SimTask t, int index, State s, Map<SimOutcome, Double> weights) {
    SplittableRandom r = rng(t, index, s, "repair");
    return r.nextDouble() < o.repairSuccess() ? SimOutcome.CORRECT
        : failure(weights, r, !t.task().equals("solve/code") && !t.task().equals("solve/induction"));
  }

  /** A non-correct outcome drawn by the weights (only {@code wrong_answer} when {@code answerOnly}). */
  private static SimOutcome failure(Map<SimOutcome, Double> weights, SplittableRandom r, boolean answerOnly) {
    Map<SimOutcome, Double> wrong = new EnumMap<>(SimOutcome.class);
    weights.forEach((k, w) -> {
      if (k != SimOutcome.CORRECT && (!answerOnly || k == SimOutcome.WRONG_ANSWER)) {
        wrong.put(k, w);
      }
    });
    return wrong.isEmpty() ? SimOutcome.WRONG_ANSWER : SimOutcome.draw(wrong, r);
  }

  private SplittableRandom rng(SimTask t, int index, State s, String what) {
    return SimRandom.of(seed, t.seed(), what, t.task(), t.key(), index, s.turn(), s.toolCalls(), s.repairs());
  }
}

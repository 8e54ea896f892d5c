package dev.assay.simulator;

import dev.assay.AssayException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The simulated model server.
 *
 * @param port TCP port on 127.0.0.1; 0 = a free port (see {@link SimulatedModelServer#actualPort()})
 * @param seed drives every answer; same seed, request seed, task variables and index = same text
 * @param modelName reported as {@code model}
 * @param outcomes weights of {@code correct, wrong_answer, no_answer, raises, infinite_loop,
 *     memory_hog, fork_bomb, output_flood}, normalised per domain (math uses the first three,
 *     code all but no_answer). {@code math.correct} / {@code code.correct} override per domain.
 *     A domain with no weight named gets its defaults ({@link SimOutcome#MATH_DEFAULTS},
 *     {@link SimOutcome#CODE_DEFAULTS}); empty map = all defaults.
 * @param latencyMs delay before each answer
 * @param fault5xx probability per request of HTTP 503
 * @param fault429 probability per request of HTTP 429 with {@code Retry-After: 0} or {@code 1}
 * @param faultMalformed probability per request of a 200 whose body is not JSON
 * @param faultTruncated probability per request of a 200 whose JSON body is cut in half
 * @param knowledge JSONL files of problems the simulator knows the answers to
 * @param behavesLike {@code vllm} (default), {@code llama.cpp}, {@code ollama} or {@code openai}: see {@link Behaviour}
 * @param slots llama.cpp's parallel slots: the largest {@code n} it takes (default {@value #DEFAULT_SLOTS})
 * @param requestLog a file that gets one JSON line per chat request ({@code task}, {@code headers},
 *     {@code vars}, {@code body}, {@code status}, {@code tokens_predicted}); null for none
 * @param tokenize false hides the tokenize endpoint even where the imitated server has one (tests)
 * @param downFile while this file exists every model request fails, as under the fault switch (checked
 *     every {@value SimulatedModelServer#DOWN_FILE_POLL_MS} ms; lets a test take the model down and up
 *     across process restarts without changing the config); null for none
 * @param agent how it behaves in agentic solving (tool calls, repair): see {@link Agent}
 * @param reasoning whether it thinks before it answers, as reasoning models do: see {@link Reasoning}
 */
public record SimulatorOptions(
    int port,
    long seed,
    String modelName,
    Map<String, Double> outcomes,
    long latencyMs,
    double fault5xx,
    double fault429,
    double faultMalformed,
    double faultTruncated,
    List<Path> knowledge,
    String behavesLike,
    int slots,
    Path requestLog,
    boolean tokenize,
    Path downFile,
    Agent agent,
    Reasoning reasoning) {

  public static final String DEFAULT_MODEL_NAME = "assay-sim-1";
  public static final long DEFAULT_SEED = 1234;
  public static final int DEFAULT_SLOTS = 4;
  /** The servers {@code behavesLike} can name. */
  public static final List<String> BEHAVIOURS = Behaviour.NAMES;

  /**
   * The simulated model in agentic solving ({@code simulator.*} in the config), see {@link SimAgent}.
   *
   * @param toolUse chance that a solve offered a tool calls it on its first turn (default {@value #DEFAULT_TOOL_USE})
   * @param toolCorrect chance that a math tool call computes the right value (default {@value #DEFAULT_TOOL_CORRECT})
   * @param toolBoost added to a code sample's chance of being right once it has run its code (default
   *     {@value #DEFAULT_TOOL_BOOST})
   * @param repairSuccess chance that an answer after repair feedback is right (default {@value #DEFAULT_REPAIR_SUCCESS})
   * @param maxToolCalls most tool calls it makes in one trajectory (default {@value #DEFAULT_MAX_TOOL_CALLS})
   */
  public record Agent(double toolUse, double toolCorrect, double toolBoost, double repairSuccess, int maxToolCalls) {
    public static final double DEFAULT_TOOL_USE = 0.6;
    public static final double DEFAULT_TOOL_CORRECT = 0.9;
    public static final double DEFAULT_TOOL_BOOST = 0.25;
    public static final double DEFAULT_REPAIR_SUCCESS = 0.5;
    public static final int DEFAULT_MAX_TOOL_CALLS = 2;
    /** The most {@code maxToolCalls} may be. */
    public static final int MAX_TOOL_CALLS = 16;
    public static final Agent DEFAULTS = new Agent(DEFAULT_TOOL_USE, DEFAULT_TOOL_CORRECT, DEFAULT_TOOL_BOOST,
        DEFAULT_REPAIR_SUCCESS, DEFAULT_MAX_TOOL_CALLS);

    public Agent {
      probability("tool_use", toolUse);
      probability("tool_correct", toolCorrect);
      probability("tool_boost", toolBoost);
      probability("repair_success", repairSuccess);
      if (maxToolCalls < 0 || maxToolCalls > MAX_TOOL_CALLS) {
        throw AssayException.config("simulator.max_tool_calls must be between 0 and " + MAX_TOOL_CALLS + ", got "
            + maxToolCalls);
      }
    }

    private static void probability(String field, double p) {
      if (!(p >= 0 && p <= 1)) {
        throw AssayException.config("simulator." + field + " must be between 0 and 1, got " + p);
      }
    }
  }

  /**
   * A reasoning model ({@code simulator.reasoning}, {@code simulator.reasoning_tokens}): {@code none}
   * (default) answers at once; otherwise each answer without a tool call is preceded by about
   * {@code tokens} tokens of thinking, which holds a draft {@code \\boxed{}} that is not the answer.
   * {@code inline} writes it into the content as {@code <think>...</think>}, as vLLM, SGLang,
   * llama.cpp and Ollama return DeepSeek-R1 or Qwen3 without a reasoning parser; {@code parsed} puts
   * it in {@code reasoning_content}, as vLLM's reasoning parser does. A thinking model honours
   * {@code max_tokens} as those servers do: the output is cut there with {@code finish_reason:
   * length}, and a cut inside the thinking leaves {@code content} unclosed (inline) or null (parsed).
   */
  public record Reasoning(String mode, int tokens) {
    public static final List<String> MODES = List.of("none", "inline", "parsed");
    public static final int DEFAULT_TOKENS = 120;
    public static final Reasoning NONE = new Reasoning("none", DEFAULT_TOKENS);

    public Reasoning {
      if (!MODES.contains(mode) || tokens < 1) {
        throw AssayException.config("simulator.reasoning must be one of " + MODES + " with reasoning_tokens >= 1, got "
            + mode + " and " + tokens);
      }
    }

    boolean thinks() {
      return !mode.equals("none");
    }
  }

  /** Every field but {@code agent}, which takes its defaults. */
  public SimulatorOptions(int port, long seed, String modelName, Map<String, Double> outcomes, long latencyMs,
      double fault5xx, double fault429, double faultMalformed, double faultTruncated, List<Path> knowledge,
      String behavesLike, int slots, Path requestLog, boolean tokenize, Path downFile) {
    this(port, seed, modelName, outcomes, latencyMs, fault5xx, fault429, faultMalformed, faultTruncated, knowledge,
        behavesLike, slots, requestLog, tokenize, downFile, Agent.DEFAULTS, Reasoning.NONE);
  }

  public SimulatorOptions {
    agent = agent == null ? Agent.DEFAULTS : agent;
    reasoning = reasoning == null ? Reasoning.NONE : reasoning;
    outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
    knowledge = knowledge == null ? List.of() : List.copyOf(knowledge);
    modelName = modelName == null || modelName.isBlank() ? DEFAULT_MODEL_NAME : modelName;
    behavesLike = behavesLike == null ? "vllm" : behavesLike;
    double faults = fault5xx + fault429 + faultMalformed + faultTruncated;
    if (port < 0 || port > 65535 || latencyMs < 0 || fault5xx < 0 || fault429 < 0
        || faultMalformed < 0 || faultTruncated < 0 || faults > 1.0 + 1e-9 || slots < 1
        || !BEHAVIOURS.contains(behavesLike)) {
      throw AssayException.config("simulator: port must be 0..65535, latencyMs >= 0, fault"
          + " probabilities >= 0 and summing to <= 1, slots >= 1, behaves_like one of " + BEHAVIOURS);
    }
    for (Map.Entry<String, Double> e : outcomes.entrySet()) {
      String key = e.getKey().replaceFirst("^(math|code)\\.", "");
      boolean known = false;
      for (SimOutcome o : SimOutcome.values()) {
        known |= o.key().equals(key);
      }
      if (!known || e.getValue() == null || e.getValue() < 0) {
        throw AssayException.config("simulator.outcomes: unknown outcome or negative weight: "
            + e.getKey() + " (known: correct, wrong_answer, no_answer, raises, infinite_loop,"
            + " memory_hog, fork_bomb, output_flood, optionally prefixed math. or code.)");
      }
    }
  }

  public static SimulatorOptions defaults() {
    return new SimulatorOptions(0, DEFAULT_SEED, DEFAULT_MODEL_NAME, Map.of(), 0, 0, 0, 0, 0, List.of(),
        "vllm", DEFAULT_SLOTS, null, true, null);
  }

  public SimulatorOptions withSeed(long s) {
    return new SimulatorOptions(port, s, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge, behavesLike, slots, requestLog, tokenize, downFile, agent, reasoning);
  }

  public SimulatorOptions withOutcomes(Map<String, Double> o) {
    return new SimulatorOptions(port, seed, modelName, o, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge, behavesLike, slots, requestLog, tokenize, downFile, agent, reasoning);
  }

  public SimulatorOptions withLatencyMs(long ms) {
    return new SimulatorOptions(port, seed, modelName, outcomes, ms, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge, behavesLike, slots, requestLog, tokenize, downFile, agent, reasoning);
  }

  public SimulatorOptions withFaults(double f5xx, double f429, double malformed, double truncated) {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, f5xx, f429, malformed,
        truncated, knowledge, behavesLike, slots, requestLog, tokenize, downFile, agent, reasoning);
  }

  public SimulatorOptions withKnowledge(List<Path> files) {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, files, behavesLike, slots, requestLog, tokenize, downFile, agent, reasoning);
  }

  /** Imitates another server ({@link #BEHAVIOURS}) with {@code parallelSlots} (llama.cpp's n limit). */
  public SimulatorOptions behavingLike(String server, int parallelSlots) {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge, server, parallelSlots, requestLog, tokenize, downFile, agent, reasoning);
  }

  public SimulatorOptions withRequestLog(Path file) {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge, behavesLike, slots, file, tokenize, downFile, agent, reasoning);
  }

  /** Without the tokenize endpoint, whatever server it imitates. */
  public SimulatorOptions withoutTokenize() {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge, behavesLike, slots, requestLog, false, downFile, agent, reasoning);
  }

  /** Down while {@code file} exists (see {@code downFile}). */
  public SimulatorOptions withDownFile(Path file) {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge, behavesLike, slots, requestLog, tokenize, file, agent, reasoning);
  }

  /** Behaves as {@code a} says in agentic solving. */
  public SimulatorOptions withAgent(Agent a) {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge, behavesLike, slots, requestLog, tokenize, downFile, a, reasoning);
  }

  /** Thinks before it answers as {@code r} says. */
  public SimulatorOptions withReasoning(Reasoning r) {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge, behavesLike, slots, requestLog, tokenize, downFile, agent, r);
  }

  Behaviour behaviour() {
    return Behaviour.of(behavesLike);
  }
}

package dev.assay.model;

import dev.assay.AssayException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The simulated model server.
 *
 * @param port TCP port on 127.0.0.1; 0 = a free port (see {@link SimulatedModelServer#actualPort()})
 * @param seed drives every answer; same seed, request seed, prompt and index = same text
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
    List<Path> knowledge) {

  public static final String DEFAULT_MODEL_NAME = "assay-sim-1";
  public static final long DEFAULT_SEED = 1234;

  public SimulatorOptions {
    outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
    knowledge = knowledge == null ? List.of() : List.copyOf(knowledge);
    modelName = modelName == null || modelName.isBlank() ? DEFAULT_MODEL_NAME : modelName;
    double faults = fault5xx + fault429 + faultMalformed + faultTruncated;
    if (port < 0 || port > 65535 || latencyMs < 0 || fault5xx < 0 || fault429 < 0
        || faultMalformed < 0 || faultTruncated < 0 || faults > 1.0 + 1e-9) {
      throw AssayException.config("simulator: port must be 0..65535, latencyMs >= 0, fault"
          + " probabilities >= 0 and summing to <= 1");
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
    return new SimulatorOptions(0, DEFAULT_SEED, DEFAULT_MODEL_NAME, Map.of(), 0, 0, 0, 0, 0, List.of());
  }

  public SimulatorOptions withSeed(long s) {
    return new SimulatorOptions(port, s, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge);
  }

  public SimulatorOptions withOutcomes(Map<String, Double> o) {
    return new SimulatorOptions(port, seed, modelName, o, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge);
  }

  public SimulatorOptions withLatencyMs(long ms) {
    return new SimulatorOptions(port, seed, modelName, outcomes, ms, fault5xx, fault429,
        faultMalformed, faultTruncated, knowledge);
  }

  public SimulatorOptions withFaults(double f5xx, double f429, double malformed, double truncated) {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, f5xx, f429, malformed,
        truncated, knowledge);
  }

  public SimulatorOptions withKnowledge(List<Path> files) {
    return new SimulatorOptions(port, seed, modelName, outcomes, latencyMs, fault5xx, fault429,
        faultMalformed, faultTruncated, files);
  }
}

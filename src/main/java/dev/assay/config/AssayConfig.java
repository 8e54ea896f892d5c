package dev.assay.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated configuration: one record per section of the YAML file. Built only by {@link
 * ConfigLoader}, which names the file and field of anything wrong before anything deploys.
 */
public record AssayConfig(
    Path file, Run run, Model model, Simulator simulator, Round round, Sandbox sandbox,
    Verify verify, Web web, Keep keep, Hook hook, Prompts prompts, Store store, Cluster cluster) {

  /**
   * {@code store:} where rounds are stored: {@code url} null is the SQLite file {@code run.db};
   * {@code postgresql://...} a shared PostgreSQL database, as {@code user}, with the password in the
   * environment variable {@code passwordEnv} and {@code poolSize} connections.
   */
  public record Store(String url, String user, String passwordEnv, int poolSize) {
    /** Where the store is: PostgreSQL when {@code url} is set, else the SQLite file {@code db}. */
    public dev.assay.store.StoreLocation location(Path db) {
      return StoreSection.location(this, db);
    }
  }

  /**
   * {@code cluster:} how a coordinator ({@code serve --cluster}) and its workers ({@code worker
   * --cluster}) find and trust each other: the Hazelcast members to join (TCP/IP, no multicast), the
   * interface both Hazelcast ({@code port}) and the event bus ({@code busPort}) bind to, the variable
   * holding the token (cluster name and event-bus TLS key are derived from it), a worker's capacity
   * (0: twice its sandbox pool), retries of a verification whose worker vanished, how long a
   * verification waits for a worker, and whether the coordinator also verifies.
   */
  public record Cluster(List<String> members, String host, int port, int busPort, String tokenEnv, int capacity,
      int retries, long workerWaitMs, boolean coordinatorVerifies) {}

  /** {@code run:} what this run is called, its seed and where its data goes. */
  public record Run(String name, long seed, Path db, Path out) {}

  /**
   * {@code model:} the OpenAI-compatible endpoint (or the simulated one). {@code maxOutageMs}: how
   * long requests wait through an outage (unreachable, 5xx, 429) before failing.
   */
  public record Model(
      boolean simulated,
      String baseUrl,
      String name,
      String apiKeyEnv,
      double temperature,
      double topP,
      int maxTokens,
      long timeoutMs,
      int maxRetries,
      long backoffBaseMs,
      long backoffMaxMs,
      int maxInFlight,
      long maxOutageMs) {
    /** The same endpoint and settings for another model name (a fine-tuned one). */
    public Model withName(String other) {
      return new Model(simulated, baseUrl, other, apiKeyEnv, temperature, topP, maxTokens, timeoutMs, maxRetries,
          backoffBaseMs, backoffMaxMs, maxInFlight, maxOutageMs);
    }
  }

  /**
   * {@code simulator:} knobs of the simulated model server (used when model.simulated).
   * {@code behavesLike} ({@code vllm}, {@code llama.cpp}, {@code ollama}, {@code openai}) picks the
   * real server whose n limits, usage and tokenize route it imitates; {@code slots} is llama.cpp's
   * largest n; {@code requestLog} (null: none) gets one JSON line per chat request; while the file
   * {@code downFile} exists (null: none) every model request fails, as in an outage. In agentic
   * solving it calls the tool with probability {@code toolUse} (0.6), computes the right value in a
   * math tool call with probability {@code toolCorrect} (0.9), is right on code that much more often
   * ({@code toolBoost}, 0.25) once it ran its code, is right after repair feedback with probability
   * {@code repairSuccess} (0.5), and makes at most {@code maxToolCalls} (2) calls per trajectory.
   * {@code reasoning} ({@code none}, {@code inline}, {@code parsed}) makes it think about
   * {@code reasoningTokens} tokens before it answers, as a reasoning model does.
   */
  public record Simulator(
      long seed,
      long latencyMs,
      double http5xx,
      double http429,
      double malformed,
      double truncated,
      Map<String, Double> outcomes,
      List<Path> knowledge,
      String behavesLike,
      int slots,
      Path requestLog,
      Path downFile,
      double toolUse,
      double toolCorrect,
      double toolBoost,
      double repairSuccess,
      int maxToolCalls,
      String reasoning,
      int reasoningTokens) {}

  /**
   * {@code round:} what one round does. {@code mathProposals}: {@code answer} (the proposer states
   * the answer) or {@code program} (TinyGSM: it writes a program whose sandboxed output is the
   * answer). {@code codeProposals}: {@code tasks} (functions with tests), {@code reasoning}
   * (Absolute Zero deduction/abduction/induction from a program and inputs) or {@code both}.
   * {@code rationalize}: STaR, ask again with the answer as a hint for seeds no sample solved.
   * {@code codeLanguage}: the language stdin/stdout seeds that name none are solved in (python,
   * cpp, javascript, go, rust; default python).
   */
  public record Round(
      List<Path> seeds,
      int proposalsPerSeed,
      int samplesPerProblem,
      int maxInFlightProblems,
      int maxSeeds,
      String mathProposals,
      String codeProposals,
      boolean rationalize,
      int maxModelFailures,
      Agent agent,
      String codeLanguage) {
    /** The same round with other seeds and sample count (the daemon's per-request overrides). */
    public Round with(List<Path> otherSeeds, int otherSamples) {
      return new Round(otherSeeds, proposalsPerSeed, otherSamples, maxInFlightProblems, maxSeeds, mathProposals,
          codeProposals, rationalize, maxModelFailures, agent, codeLanguage);
    }
  }

  /**
   * How a sample is solved ({@code round.solve_mode}, per domain): {@code single} (one answer),
   * {@code tools} (the model may run Python while it solves), {@code repair} (a failing answer gets a
   * developer's feedback and another try, up to {@code maxRepairs}) or {@code tools+repair}.
   * {@code round.tools}: the tool's style ({@code api}: OpenAI tool calling; {@code inline}: a fenced
   * python block ends the turn, math only) and limits per trajectory: tool calls, assistant turns,
   * sandbox seconds of tool runs, output bytes returned to the model per call; {@code
   * baselineSamples}: plain single answers per problem that measure pass@1 without tools and repair.
   */
  public record Agent(Map<String, String> modes, int maxRepairs, String toolStyle, int maxToolCalls, int maxTurns,
      double toolSeconds, int toolOutputBytes, int baselineSamples) {
    public static final Agent SINGLE = new Agent(Map.of("math", "single", "code", "single"), 2, "api", 4, 8, 30, 2000, 1);

    public Agent {
      modes = Map.copyOf(modes);
    }

    public String mode(String domain) {
      return modes.getOrDefault(domain, "single");
    }

    public boolean tools(String domain) {
      return mode(domain).startsWith("tools");
    }

    public boolean repair(String domain) {
      return mode(domain).endsWith("repair");
    }

    /** Whether any domain solves with more than one request per sample. */
    public boolean agentic() {
      return modes.values().stream().anyMatch(m -> !m.equals("single"));
    }
  }

  /**
   * {@code keep:} clean data. {@code filters} are Java expressions over a sample's fields compiled
   * with Janino; {@code learnableBand} is the pass-rate band of problems that seed the next round's
   * proposals; {@code decontaminate} names benchmark files whose n-grams must not appear.
   */
  public record Keep(
      int maxSolutionsPerProblem,
      double nearDuplicateThreshold,
      List<Path> decontaminate,
      int ngram,
      List<String> filters,
      String learnableBand,
      double minDualAgreement) {}

  /**
   * {@code hook:} the fine-tune hook called after each round of {@code assay run}: a command
   * template ({@code {dataset}}, {@code {round}}, {@code {base_model}}) or an HTTP POST URL.
   * Both empty: rounds reuse the same model.
   */
  public record Hook(String command, String url, long timeoutMs) {
    public boolean configured() {
      return command != null || url != null;
    }
  }

  /** {@code sandbox:} where candidate code runs. */
  public record Sandbox(
      String backend,
      String isolation,
      boolean warm,
      int poolSize,
      int recycleAfter,
      long timeoutMs,
      int memoryMb,
      int outputCapBytes,
      int pidsLimit,
      double cpus,
      int maxInFlight,
      String dockerImage) {}

  /**
   * {@code web:} the daemon ({@code assay serve}). {@code mode} is {@code on_request} (rounds only
   * when asked over the API) or {@code continuous} (round after round until a target or budget is
   * met: {@code targetKept} kept samples, {@code budgetTokens} tokens or {@code budgetHours} hours;
   * 0 = no limit). Binding to a non-loopback host needs a bearer token in the environment variable
   * named by {@code tokenEnv}. The Host header must be a loopback name or one of {@code allowedHosts}
   * (DNS rebinding); a state-changing request's Origin must be absent, this server's own, or one of
   * {@code allowedOrigins}; seed files named over the API must lie in {@code seedDirs}.
   */
  public record Web(String host, int port, String tokenEnv, String mode, long targetKept, long budgetTokens,
      double budgetHours, List<String> allowedHosts, List<String> allowedOrigins, List<Path> seedDirs) {
    public Web withPort(int p) {
      return new Web(host, p, tokenEnv, mode, targetKept, budgetTokens, budgetHours, allowedHosts, allowedOrigins, seedDirs);
    }
  }

  /** {@code verify:} checker settings. */
  /**
   * {@code prompts:} the message templates. {@code dir} holds {@code <task>.yaml} files that replace
   * the shipped ones of the same name (null: the shipped ones only); {@code tasks} overrides fields of
   * single templates inline, by task name (e.g. {@code solve_math: {system: ...}}), as plain JSON.
   */
  public record Prompts(Path dir, Map<String, Object> tasks, Path configFile) {
    public Prompts {
      tasks = tasks == null ? Map.of() : Map.copyOf(tasks);
    }
  }

  /**
   * {@code verify:} the math checker's precision and time limit; {@code math.extraction} says where a
   * sample's answer may come from: {@code strict} (the loop's default: only the place its prompt asked
   * for, never a number inside quotes, code or the restated problem) or {@code lenient} (Math-Verify's
   * fallbacks). {@code code.all_tests} runs every test of a stdin/stdout task even after one failed
   * (default: stop at the first failure); {@code code.total_timeout_ms} is the CPU time all tests of
   * one such task may use when the task names none.
   */
  public record Verify(int mathPrecision, long mathTimeoutMs, String mathExtraction, boolean codeAllTests,
      long codeTotalTimeoutMs) {
    /** Math settings only; code tasks stop at the first failure with the default total limit. */
    public Verify(int mathPrecision, long mathTimeoutMs, String mathExtraction) {
      this(mathPrecision, mathTimeoutMs, mathExtraction, false,
          dev.assay.verify.code.CodeVerifier.DEFAULT_TOTAL_TIMEOUT_MS);
    }
  }

  public AssayConfig withDb(Path db) {
    return new AssayConfig(
        file, new Run(run.name(), run.seed(), db, run.out()), model, simulator, round, sandbox,
        verify, web, keep, hook, prompts, store, cluster);
  }

  public AssayConfig withOut(Path out) {
    return new AssayConfig(
        file, new Run(run.name(), run.seed(), run.db(), out), model, simulator, round, sandbox,
        verify, web, keep, hook, prompts, store, cluster);
  }

  public AssayConfig withRound(Round r) {
    return new AssayConfig(file, run, model, simulator, r, sandbox, verify, web, keep, hook, prompts, store, cluster);
  }

  /** The same config with another store (e.g. {@code --store URL}). */
  public AssayConfig withStore(Store s) {
    return new AssayConfig(file, run, model, simulator, round, sandbox, verify, web, keep, hook, prompts, s, cluster);
  }

  public AssayConfig withWeb(Web w) {
    return new AssayConfig(file, run, model, simulator, round, sandbox, verify, w, keep, hook, prompts, store, cluster);
  }

  public AssayConfig withModel(Model m) {
    return new AssayConfig(file, run, m, simulator, round, sandbox, verify, web, keep, hook, prompts, store, cluster);
  }
}

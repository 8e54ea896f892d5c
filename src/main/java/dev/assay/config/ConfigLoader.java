package dev.assay.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.assay.AssayException;
import dev.assay.simulator.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a YAML config into an {@link AssayConfig}. Later sources override earlier: built-in
 * defaults, the file, then {@code ASSAY_<SECTION>_<FIELD>} environment variables (e.g. {@code
 * ASSAY_ROUND_SAMPLES_PER_PROBLEM=8}); CLI flags are applied by the commands afterwards.
 * Relative paths are resolved against the working directory, then against {@code ASSAY_HOME}.
 */
public final class ConfigLoader {
  /** A key given twice is an error (else the last would silently win). */
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final List<String> SECTIONS =
      List.of("run", "model", "simulator", "round", "sandbox", "verify", "web", "keep", "hook", "prompts", "store",
          "cluster");

  private ConfigLoader() {}

  public static AssayConfig load(Path file) {
    return load(file, System.getenv());
  }

  public static AssayConfig load(Path file, Map<String, String> env) {
    return load(file, env, false);
  }

  /**
   * A cluster worker's config ({@code assay worker --cluster}): a worker has no model, so a file
   * without a {@code model} section is complete (the section is then the unused simulated default).
   */
  public static AssayConfig loadWorker(Path file, Map<String, String> env) {
    return load(file, env, true);
  }

  private static AssayConfig load(Path file, Map<String, String> env, boolean worker) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw AssayException.config(file + ": no such config file");
    } catch (JsonProcessingException e) {
      throw AssayException.config(
          file + ": not valid YAML at line " + e.getLocation().getLineNr() + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw AssayException.config(file + ": cannot read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = YAML.createObjectNode();
    }
    if (!root.isObject()) {
      throw AssayException.config(file + ": the top level must be a mapping of sections");
    }
    applyEnv((ObjectNode) root, env, file);
    if (worker && !root.has("model")) {
      ((ObjectNode) root).putObject("model").put("simulated", true);
    }
    Paths paths = new Paths(env.get("ASSAY_HOME"));
    Node top = new Node(file, "", (ObjectNode) root);
    AssayConfig.Run run = run(top.section("run"), paths);
    AssayConfig.Model model = model(top.section("model"));
    AssayConfig.Simulator simulator = simulator(top.section("simulator"), paths);
    AssayConfig.Round round = round(top.section("round"), paths);
    AssayConfig cfg =
        new AssayConfig(
            file,
            run,
            model,
            simulator,
            round,
            sandbox(top.section("sandbox")),
            verify(top.section("verify")),
            WebSection.read(top.section("web"), paths::resolveExisting, round),
            KeepSection.read(top.section("keep"), paths::resolve),
            hook(top.section("hook")),
            prompts(top.section("prompts"), paths, file),
            StoreSection.read(top.section("store")),
            ClusterSection.read(top.section("cluster")));
    top.rejectUnknown();
    return cfg;
  }

  private static void applyEnv(ObjectNode root, Map<String, String> env, Path file) {
    for (Map.Entry<String, String> e : env.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith("ASSAY_") || key.equals("ASSAY_HOME")) {
        continue;
      }
      String rest = key.substring(6).toLowerCase(Locale.ROOT);
      int cut = rest.indexOf('_');
      if (cut <= 0 || !SECTIONS.contains(rest.substring(0, cut))) {
        continue;
      }
      String section = rest.substring(0, cut);
      JsonNode s = root.get(section);
      if (s != null && !s.isObject()) {
        throw AssayException.config(file + ": " + section + ": must be a mapping");
      }
      ObjectNode sec = s == null ? root.putObject(section) : (ObjectNode) s;
      sec.put(rest.substring(cut + 1), e.getValue());
    }
  }

  private static AssayConfig.Run run(Node n, Paths p) {
    var r =
        new AssayConfig.Run(
            n.string("name", "default"),
            n.integer("seed", 0L, Long.MIN_VALUE, Long.MAX_VALUE),
            p.resolve(n.string("db", "data/assay.db"), false),
            p.resolve(n.string("out", "out"), false));
    if (!r.name().matches("[A-Za-z0-9._-]+")) {
      throw n.error("name", "may hold only letters, digits, '.', '_' and '-', got '" + r.name() + "'");
    }
    n.rejectUnknown();
    return r;
  }

  private static AssayConfig.Model model(Node n) {
    boolean simulated = n.bool("simulated", false);
    String baseUrl = n.string("base_url", null);
    if (!simulated && baseUrl == null) {
      throw n.error("base_url", "is required unless model.simulated is true");
    }
    if (baseUrl != null && !baseUrl.matches("https?://[^\\s/]+(/\\S*)?")) {
      throw n.error("base_url", "must be an http(s) URL, got '" + baseUrl + "'");
    }
    String keyEnv = n.envName("api_key_env", null);
    var m =
        new AssayConfig.Model(
            simulated,
            baseUrl,
            n.string("name", simulated ? "assay-sim-1" : null),
            keyEnv,
            n.number("temperature", 0.8, 0, 2),
            n.number("top_p", 0.95, 0, 1),
            n.integer("max_tokens", 1024, 1, 1_000_000),
            n.integer("timeout_ms", 60_000L, 100, 3_600_000),
            n.integer("max_retries", 5, 0, 100),
            n.integer("backoff_base_ms", 200L, 1, 600_000),
            n.integer("backoff_max_ms", 10_000L, 1, 3_600_000),
            n.integer("max_in_flight", 8, 1, 4096),
            n.integer("max_outage_ms", 120_000L, 0, 86_400_000L));
    if (m.name() == null) {
      throw n.error("name", "is required (the model name the endpoint serves)");
    }
    if (m.backoffMaxMs() < m.backoffBaseMs()) {
      throw n.error("backoff_max_ms", "must be at least backoff_base_ms (" + m.backoffBaseMs() + "), got " + m.backoffMaxMs());
    }
    n.rejectUnknown();
    return m;
  }

  private static AssayConfig.Simulator simulator(Node n, Paths p) {
    Node faults = n.section("faults");
    var s =
        new AssayConfig.Simulator(
            n.integer("seed", 0L, Long.MIN_VALUE, Long.MAX_VALUE),
            n.integer("latency_ms", 0L, 0, 60_000),
            faults.number("http_5xx", 0, 0, 0.9),
            faults.number("http_429", 0, 0, 0.9),
            faults.number("malformed", 0, 0, 0.9),
            faults.number("truncated", 0, 0, 0.9),
            n.numbers("outcomes"),
            n.strings("knowledge", List.of()).stream().map(x -> p.resolve(x, true)).toList(),
            n.choice("behaves_like", "vllm", "vllm", "llama.cpp", "ollama", "openai"),
            n.integer("slots", 4, 1, 1024),
            n.has("request_log") ? p.resolve(n.string("request_log", null), false) : null,
            faults.has("down_file") ? p.resolve(faults.string("down_file", null), false) : null,
            n.number("tool_use", SimulatorOptions.Agent.DEFAULT_TOOL_USE, 0, 1),
            n.number("tool_correct", SimulatorOptions.Agent.DEFAULT_TOOL_CORRECT, 0, 1),
            n.number("tool_boost", SimulatorOptions.Agent.DEFAULT_TOOL_BOOST, 0, 1),
            n.number("repair_success", SimulatorOptions.Agent.DEFAULT_REPAIR_SUCCESS, 0, 1),
            n.integer("max_tool_calls", SimulatorOptions.Agent.DEFAULT_MAX_TOOL_CALLS, 0,
                SimulatorOptions.Agent.MAX_TOOL_CALLS),
            n.choice("reasoning", "none", SimulatorOptions.Reasoning.MODES.toArray(String[]::new)),
            n.integer("reasoning_tokens", SimulatorOptions.Reasoning.DEFAULT_TOKENS, 1, 100_000));
    double faultSum = s.http5xx() + s.http429() + s.malformed() + s.truncated();
    if (faultSum > 0.9 + 1e-9) { // one draw per request decides its fault: the rest must leave room for answers
      throw n.error("faults", "the fault probabilities add up to " + faultSum + "; at most 0.9 in all");
    }
    faults.rejectUnknown();
    n.rejectUnknown();
    return s;
  }

  private static AssayConfig.Round round(Node n, Paths p) {
    List<String> seeds = n.strings("seeds", List.of("problems/math.jsonl", "problems/code.jsonl"));
    if (seeds.isEmpty()) {
      throw n.error("seeds", "must name at least one seed file");
    }
    var r =
        new AssayConfig.Round(
            seeds.stream().map(x -> p.resolve(x, true)).toList(),
            n.integer("proposals_per_seed", 2, 0, 64),
            n.integer("samples_per_problem", 4, 1, 1024),
            n.integer("max_in_flight_problems", 8, 1, 4096),
            n.integer("max_seeds", 0, 0, 10_000_000),
            n.choice("math_proposals", "answer", "answer", "program"),
            n.choice("code_proposals", "tasks", "tasks", "reasoning", "both"),
            n.bool("rationalize", true),
            n.integer("max_model_failures", 0, 0, 1_000_000),
            agent(n),
            n.choice("code_language", "python", "python", "cpp", "javascript", "go", "rust"));
    n.rejectUnknown();
    return r;
  }

  private static final List<String> SOLVE_MODES = List.of("single", "tools", "repair", "tools+repair");

  /** {@code round.solve_mode} (one mode, or one per domain), {@code round.max_repairs}, {@code round.tools}. */
  private static AssayConfig.Agent agent(Node n) {
    java.util.Map<String, String> modes = new java.util.LinkedHashMap<>(java.util.Map.of("math", "single", "code", "single"));
    Object raw = n.json("solve_mode");
    if (raw instanceof String one) {
      modes.replaceAll((d, m) -> one);
    } else if (raw instanceof java.util.Map<?, ?> per) {
      per.forEach((d, m) -> {
        if (!modes.containsKey(String.valueOf(d))) {
          throw n.error("solve_mode." + d, "unknown domain (math or code)");
        }
        modes.put(String.valueOf(d), String.valueOf(m));
      });
    } else if (raw != null) {
      throw n.error("solve_mode", "must be one of " + SOLVE_MODES + " or a mapping of math/code to one");
    }
    modes.forEach((d, m) -> {
      if (!SOLVE_MODES.contains(m)) {
        throw n.error("solve_mode" + (raw instanceof String ? "" : "." + d), "must be one of " + SOLVE_MODES + ", got '" + m + "'");
      }
    });
    Node t = n.section("tools");
    var a = new AssayConfig.Agent(modes, n.integer("max_repairs", 2, 0, 16),
        t.choice("style", "api", "api", "inline"), t.integer("max_calls", 4, 0, 64), t.integer("max_turns", 8, 1, 64),
        t.number("sandbox_seconds", 30, 0.1, 3600), t.integer("output_bytes", 2000, 64, 1 << 20),
        t.integer("baseline_samples", 1, 0, 64));
    t.rejectUnknown();
    if (a.toolStyle().equals("inline") && a.tools("code")) {
      throw n.error("tools.style", "inline tool calls are for math; code tasks take tools through the API style");
    }
    return a;
  }

  private static AssayConfig.Sandbox sandbox(Node n) {
    var s =
        new AssayConfig.Sandbox(
            n.choice("backend", "process", "process", "docker", "java"),
            n.choice("isolation", "auto", "auto", "bwrap", "unshare", "none"),
            n.bool("warm", true),
            n.integer("pool_size", 2, 1, 256),
            n.integer("recycle_after", 0, 0, 1_000_000), // 0: the backend's, SandboxOptions.Defaults
            n.integer("timeout_ms", 5_000L, 10, 3_600_000),
            n.integer("memory_mb", 256, 16, 1_000_000),
            n.integer("output_cap_bytes", 65_536, 256, 1 << 30),
            n.integer("pids_limit", 0, 0, 100_000), // 0: the backend's, SandboxOptions.Defaults
            n.number("cpus", 1.0, 0.05, 1024),
            n.integer("max_in_flight", 4, 1, 4096),
            n.string("docker_image", dev.assay.sandbox.SandboxOptions.DEFAULT_DOCKER_IMAGE));
    n.rejectUnknown();
    return s;
  }

  /** {@code prompts: {dir: DIR, <task>: {...}}}: the task overrides are checked by the loop's prompt book. */
  private static AssayConfig.Prompts prompts(Node n, Paths p, Path file) {
    Path dir = n.has("dir") ? p.resolve(n.string("dir", null), true) : null;
    if (dir != null && !Files.isDirectory(dir)) {
      throw n.error("dir", "no such directory: " + dir);
    }
    java.util.Map<String, Object> tasks = new java.util.LinkedHashMap<>();
    for (String f : n.fields()) {
      if (!f.equals("dir")) {
        Object v = n.json(f);
        if (!(v instanceof java.util.Map)) {
          throw n.error(f, "must be a mapping of template fields (system, few_shot, user, answer_format, options)");
        }
        tasks.put(f, v);
      }
    }
    return new AssayConfig.Prompts(dir, tasks, file);
  }

  private static AssayConfig.Verify verify(Node n) {
    Node code = n.section("code");
    var v =
        new AssayConfig.Verify(
            n.integer("math_precision", 6, 0, 15), n.integer("math_timeout_ms", 2_000L, 1, 600_000),
            n.section("math").choice("extraction", "strict", "strict", "lenient"),
            code.bool("all_tests", false),
            code.integer("total_timeout_ms", dev.assay.verify.code.CodeVerifier.DEFAULT_TOTAL_TIMEOUT_MS, 1,
                24L * 3_600_000));
    code.rejectUnknown();
    n.rejectUnknown();
    return v;
  }

  private static AssayConfig.Hook hook(Node n) {
    var h = new AssayConfig.Hook(n.string("command", null), n.string("url", null),
        n.integer("timeout_ms", 3_600_000L, 1000, 7L * 24 * 3_600_000));
    if (h.command() != null && h.url() != null) {
      throw n.error("url", "give either hook.command or hook.url, not both");
    }
    if (h.url() != null && !h.url().matches("https?://\\S+")) {
      throw n.error("url", "must be an http(s) URL, got '" + h.url() + "'");
    }
    n.rejectUnknown();
    return h;
  }

  /** Resolves relative paths against the working directory, then ASSAY_HOME. */
  private record Paths(String home) {
    Path resolve(String s, boolean mustExistToPreferHome) {
      Path p = Path.of(s);
      if (p.isAbsolute() || home == null || !mustExistToPreferHome || Files.exists(p)) {
        return p;
      }
      Path h = Path.of(home).resolve(s);
      return Files.exists(h) ? h : p;
    }

    Path resolveExisting(String s) {
      return resolve(s, true);
    }
  }
}

package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.AssayConfig;
import dev.assay.model.EndpointDoctor;
import dev.assay.sandbox.Sandboxes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay doctor}: what works on this machine (sandbox isolation, Docker, Python, the C++,
 * JavaScript, Go and Rust toolchains, database); with
 * {@code --config FILE} also what the configured model endpoint does ({@link EndpointDoctor}: models,
 * one tiny request, n and its limit, seed, usage per choice, tokenize), one line per fact. Exit 0 when
 * the endpoint answers, 3 (naming its URL) when it does not.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Say which sandbox isolation, Docker engine and image, Python, the C++/JavaScript/Go/Rust toolchains and database are usable here;"
        + " with --config, probe the configured model endpoint.")
final class DoctorCommand implements Callable<Integer> {
  @Option(names = "--config", description = "Config file (YAML): also probe its model endpoint (the simulated"
      + " one is started for it)")
  Path config;

  @Option(names = "--db", description = "Database file to check (default: data/assay.db)")
  Path db = Path.of("data/assay.db");

  @Option(names = "--json", description = "Print one JSON object instead of text")
  boolean json;

  @Override
  public Integer call() {
    JsonObject out = new JsonObject()
        .put("java", System.getProperty("java.version"))
        .put("python", python())
        .put("toolchains", toolchains())
        .put("sandbox", Sandboxes.probeJson())
        .put("docker", dev.assay.sandbox.docker.DockerProbe.describe())
        .put("database", database());
    EndpointDoctor.Report model = config == null ? null : model(Cli.config(config, null, null));
    if (model != null) {
      JsonArray facts = new JsonArray();
      model.facts().forEach(f -> facts.add(new JsonObject().put("fact", f.name()).put("text", f.text()).put("ok", f.ok())));
      out.put("model", new JsonObject().put("endpoint", model.endpoint()).put("answers", model.answers()).put("facts", facts));
    }
    if (json) {
      System.out.println(out.encode());
    } else {
      System.out.println("java:     " + out.getString("java"));
      System.out.println("python:   " + out.getString("python"));
      out.getJsonObject("toolchains").forEach(e -> System.out.println(
          String.format("%-10s", (e.getKey().equals("javascript") ? "node" : e.getKey()) + ":") + e.getValue()));
      System.out.println("sandbox:  " + Sandboxes.probe());
      System.out.println("docker:   " + out.getString("docker"));
      System.out.println("database: " + out.getString("database"));
      if (model != null) {
        System.out.println("model:    " + model.endpoint());
        model.facts().forEach(f -> System.out.println("model " + f.name() + ": " + (f.ok() ? "" : "PROBLEM: ") + f.text()));
      }
    }
    if (model != null && !model.answers()) {
      throw new AssayException(ErrorKind.MODEL_UNAVAILABLE, "model endpoint " + model.endpoint()
          + " does not answer chat requests: " + model.facts().stream().filter(f -> !f.ok()).map(f -> f.name() + ": "
              + f.text()).reduce((a, b) -> a + "; " + b).orElse("no answer"));
    }
    return ExitCodes.OK;
  }

  /** Probes the config's endpoint; a simulated one is started in this process first. */
  private static EndpointDoctor.Report model(AssayConfig cfg) {
    try (Cli cli = Cli.start()) {
      String url = cli.await(Stack.simulator(cli.vertx, cfg));
      if (cfg.model().simulated()) {
        System.err.println("assay: model is SIMULATED (built-in simulated model server at " + url + ", behaving like "
            + cfg.simulator().behavesLike() + ")");
      }
      return cli.await(EndpointDoctor.probe(cli.vertx, Stack.modelOptions(cfg, url, cfg.model().name()), System::getenv));
    }
  }

  private static String python() {
    return tool("/usr/bin/python3", "--version", "python3");
  }

  /**
   * The compilers and runtimes of the other candidate languages on the process backend, at the
   * paths its runner uses; each with its version, or missing with the Debian package to install.
   */
  static JsonObject toolchains() {
    return new JsonObject().put("cpp", tool("/usr/bin/g++", "--version", "g++"))
        .put("javascript", tool("/usr/bin/node", "--version", "nodejs"))
        .put("go", tool("/usr/bin/go", "version", "golang-go"))
        .put("rust", tool("/usr/bin/rustc", "--version", "rustc"));
  }

  private static String tool(String path, String versionArg, String debianPackage) {
    Path p = Path.of(path);
    if (!Files.isExecutable(p)) {
      return "missing: " + path + " (apt-get install " + debianPackage + "); candidates in this language get compile_error";
    }
    try {
      Process pr = new ProcessBuilder(p.toString(), versionArg).redirectErrorStream(true).start();
      String v = new String(pr.getInputStream().readAllBytes()).trim();
      v = v.contains("\n") ? v.substring(0, v.indexOf('\n')) : v;
      return pr.waitFor(10, TimeUnit.SECONDS) && pr.exitValue() == 0 ? p + " (" + v + ")" : "broken: " + path + ": " + v;
    } catch (Exception e) {
      return "broken: " + path + ": " + e.getMessage();
    }
  }

  private String database() {
    try (var c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      String v = c.getMetaData().getDatabaseProductVersion();
      return "sqlite " + v + " usable; " + db + (Files.exists(db) ? " exists" : " will be created");
    } catch (Exception e) {
      return "sqlite unusable: " + e.getMessage();
    }
  }
}

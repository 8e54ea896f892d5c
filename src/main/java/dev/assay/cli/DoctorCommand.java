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
 * {@code assay doctor}: what works on this machine (sandbox isolation, Docker, Python, database); with
 * {@code --config FILE} also what the configured model endpoint does ({@link EndpointDoctor}: models,
 * one tiny request, n and its limit, seed, usage per choice, tokenize), one line per fact. Exit 0 when
 * the endpoint answers, 3 (naming its URL) when it does not.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Say which sandbox isolation, Docker engine and image, Python and database are usable here;"
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
    Path p = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(p)) {
      return "missing: /usr/bin/python3 (install python3)";
    }
    try {
      Process pr = new ProcessBuilder(p.toString(), "--version").redirectErrorStream(true).start();
      String v = new String(pr.getInputStream().readAllBytes()).trim();
      return pr.waitFor(5, TimeUnit.SECONDS) && pr.exitValue() == 0 ? p + " (" + v + ")" : "broken: " + v;
    } catch (Exception e) {
      return "broken: " + e.getMessage();
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

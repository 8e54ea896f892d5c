package dev.assay.cli;

import dev.assay.sandbox.Sandboxes;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay doctor}: what works on this machine (sandbox isolation, Docker, Python, database). */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Say which sandbox isolation, Docker engine and image, Python and database are usable here.")
final class DoctorCommand implements Callable<Integer> {
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
    if (json) {
      System.out.println(out.encode());
    } else {
      System.out.println("java:     " + out.getString("java"));
      System.out.println("python:   " + out.getString("python"));
      System.out.println("sandbox:  " + Sandboxes.probe());
      System.out.println("docker:   " + out.getString("docker"));
      System.out.println("database: " + out.getString("database"));
    }
    return ExitCodes.OK;
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

package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.Main;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code assay serve} (or another command) as a child JVM on a free loopback port, and an HTTP client for it. */
final class DaemonProcess implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Process process;
  final int port;
  final Path log;

  private DaemonProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code assay serve --config CONFIG --port P --db DB --out DIR/out}; waits for /health.
   * The API takes seed files from DIR unless {@code env} sets {@code ASSAY_WEB_SEED_DIRS}.
   */
  static DaemonProcess serve(Path dir, Path config, Path db, Map<String, String> env) throws Exception {
    int port = freePort();
    Map<String, String> e = new java.util.HashMap<>(env);
    e.putIfAbsent("ASSAY_WEB_SEED_DIRS", dir.toString());
    Process p = start(dir, e, "serve", "--config", config.toString(), "--port", String.valueOf(port), "--db",
        db.toString(), "--out", dir.resolve("out").toString());
    DaemonProcess d = new DaemonProcess(p, port, dir.resolve("log.txt"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("daemon exited early: %s", d.logText()).isTrue();
      try {
        if (d.get("/health", null).statusCode() == 200) {
          return d;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    d.close();
    throw new AssertionError("daemon did not answer /health: " + d.logText());
  }

  /** Any assay command as a child JVM, its output appended to DIR/log.txt. */
  static Process start(Path dir, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // C1 only and the serial collector: a child round's JVM spends its 2 cores on the round, not on JIT and GC threads
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log.txt").toFile()));
    pb.environment().remove("ASSAY_API_TOKEN");
    pb.environment().putAll(env);
    return pb.start();
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonObject getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path, null);
    assertThat(r.statusCode()).as("%s -> %s", path, r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  /** Polls {@code path} until {@code done} holds (fails after {@code seconds}). */
  JsonObject poll(String path, Predicate<JsonObject> done, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = getJson(path);
      if (done.test(last)) {
        return last;
      }
      assertThat(process.isAlive()).as("daemon died: %s", logText()).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("timed out polling " + path + "; last: " + last + "\n" + logText());
  }

  /** A seeds file of the first {@code n} math and {@code n} code problems of the shipped seeds. */
  static Path smallSeeds(Path dir, int n) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("problems/math.jsonl")).subList(0, n));
    lines.addAll(Files.readAllLines(Path.of("problems/code.jsonl")).subList(0, n));
    Path f = dir.resolve("seeds-" + n + ".jsonl");
    Files.write(f, lines);
    return f;
  }

  static long count(Path db, String sql) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); ResultSet r = c.createStatement().executeQuery(sql)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}

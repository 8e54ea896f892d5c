package dev.assay.simulator;

import dev.assay.model.Await;
import dev.assay.model.ModelClient;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/simulator/finetune}, models answering with their skill, and the hook script. */
@ExtendWith(VertxExtension.class)
class SimFineTuneTest {
  static final Path HOOK = Path.of("config/hooks/simulated-finetune.sh");

  /** {@code count} distinct template problems (their statements). */
  static List<String> prompts(long seed, int count) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    while (out.size() < count) {
      String p = MathTemplates.generate(MathTemplates.Family.WORD, rng).problem();
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** An SFT chat JSONL as the loop writes it: one line per problem (its solve prompt), problem ids p0, p1, ... */
  static Path dataset(Path dir, String file, List<String> prompts) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < prompts.size(); i++) {
      lines.append(new JsonObject()
          .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", user(prompts.get(i))))
              .add(new JsonObject().put("role", "assistant").put("content", "... \\boxed{1}")))
          .put("meta", new JsonObject().put("problem_id", file + "-p" + i)).encode()).append('\n');
    }
    return Files.writeString(dir.resolve(file), lines);
  }

  /** The user message the loop's solve request for {@code statement} carries. */
  static String user(String statement) {
    return Ask.solveMath(statement, 1, null).messages().get(0).content();
  }

  private static HttpResponse<Buffer> finetune(WebClient web, SimulatedModelServer sim, JsonObject body) {
    return Await.result(web.postAbs(sim.baseUrl() + "/v1/simulator/finetune").sendJsonObject(body));
  }

  private static SimulatedModelServer start(Vertx vertx) {
    SimulatedModelServer sim = new SimulatedModelServer(SimulatorOptions.defaults());
    Await.result(vertx.deployVerticle(sim));
    return sim;
  }

  private static ModelClient client(Vertx vertx, SimulatedModelServer sim, String model) {
    return ModelClient.create(vertx, Ask.options(sim).withModel(model));
  }

  /** Samples whose final answer is right, over {@code n} samples of each prompt, flattened in order. */
  private static List<Boolean> correct(ModelClient model, List<String> prompts, int n) {
    List<Boolean> out = new ArrayList<>();
    for (String p : prompts) {
      String answer = MathTemplates.solve(p).orElseThrow().answer();
      for (String t : Await.result(model.complete(Ask.solveMath(p, n, 3L))).choices()) {
        out.add(SimulatorDeterminismTest.finalAnswer(t).equals(answer));
      }
    }
    return out;
  }

  private static long count(List<Boolean> xs) {
    return xs.stream().filter(b -> b).count();
  }

  @Test
  void fineTuneRaisesTheCorrectRateIsIdempotentAndChains(Vertx vertx, @TempDir Path dir) throws Exception {
    SimulatedModelServer sim = start(vertx);
    WebClient web = WebClient.create(vertx);
    List<String> trained = prompts(1, 200);
    Path data = dataset(dir, "r1.jsonl", trained);
    JsonObject request = new JsonObject().put("name", "sim-ft-r1").put("base_model", "assay-sim-1")
        .put("dataset", data.toString());
    HttpResponse<Buffer> first = finetune(web, sim, request);
    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject reply = first.bodyAsJsonObject();
    assertThat(reply.getString("model")).isEqualTo("sim-ft-r1");
    assertThat(reply.getBoolean("simulated")).isTrue();
    assertThat(reply.getJsonObject("skill").getInteger("problems")).isEqualTo(200);
    assertThat(reply.getJsonObject("skill").getDouble("boost")).isEqualTo(0.5);
    assertThat(reply.getJsonObject("skill").getDouble("math_correct")).isCloseTo(0.775, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(finetune(web, sim, request).bodyAsJsonObject()).isEqualTo(reply);

    List<String> fresh = prompts(2, 40).stream().filter(p -> !trained.contains(p)).toList();
    List<Boolean> base = correct(client(vertx, sim, "assay-sim-1"), fresh, 10);
    List<Boolean> tuned = correct(client(vertx, sim, "sim-ft-r1"), fresh, 10);
    assertThat(count(tuned)).as("base %d of %d", count(base), base.size())
        .isGreaterThan(count(base) + base.size() / 8);
    for (int i = 0; i < base.size(); i++) {
      assertThat(!base.get(i) || tuned.get(i)).as("sample %d right for base stays right", i).isTrue();
    }
    List<Boolean> seen = correct(client(vertx, sim, "sim-ft-r1"), trained.subList(0, 20), 10);
    System.out.printf("fine-tune figures: base %d/%d correct, sim-ft-r1 %d/%d on unseen problems, %d/200 on trained ones%n",
        count(base), base.size(), count(tuned), tuned.size(), count(seen));
    assertThat(count(seen)).isGreaterThanOrEqualTo(165);
    assertThat(correct(client(vertx, sim, "no-such-model"), fresh, 10)).isEqualTo(base);
    assertThat(Await.result(client(vertx, sim, "sim-ft-r1").complete(Ask.solveMath(fresh.get(0), 1, 1L))).model())
        .isEqualTo("sim-ft-r1");

    Path data2 = dataset(dir, "r2.jsonl", prompts(3, 40));
    JsonObject second = finetune(web, sim, new JsonObject().put("name", "sim-ft-r2")
        .put("base_model", "sim-ft-r1").put("dataset", data2.toString())).bodyAsJsonObject();
    assertThat(second.getJsonObject("skill").getDouble("boost")).isCloseTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(second.getJsonObject("skill").getInteger("known_prompts")).isEqualTo(240);

    JsonArray models = Await.result(web.getAbs(sim.baseUrl() + "/v1/models").send()).bodyAsJsonObject().getJsonArray("data");
    assertThat(models.stream().map(m -> ((JsonObject) m).getString("id")))
        .containsExactly("assay-sim-1", "sim-ft-r1", "sim-ft-r2");
  }

  @Test
  void badFineTuneRequestsAreRefusedWith400(Vertx vertx, @TempDir Path dir) throws Exception {
    SimulatedModelServer sim = start(vertx);
    WebClient web = WebClient.create(vertx);
    assertThat(finetune(web, sim, new JsonObject().put("name", "x")).statusCode()).isEqualTo(400);
    assertThat(finetune(web, sim, new JsonObject().put("name", "x").put("dataset", dir.resolve("none.jsonl").toString()))
        .statusCode()).isEqualTo(400);
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "not json\n{}\n");
    HttpResponse<Buffer> r = finetune(web, sim, new JsonObject().put("name", "x").put("dataset", empty.toString()));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("no chat sample");
    Path ok = dataset(dir, "ok.jsonl", prompts(4, 3));
    assertThat(finetune(web, sim, new JsonObject().put("name", "assay-sim-1").put("dataset", ok.toString()))
        .statusCode()).isEqualTo(400);
  }

  record Run(int exit, String out, String err) {}

  private static Run hook(String url, String... args) throws Exception {
    return hookWithPath(null, url, args);
  }

  /** Runs the hook; {@code path} non-null replaces PATH (to hide curl). */
  private static Run hookWithPath(String path, String url, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", HOOK.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("ASSAY_SIMULATOR_URL", url);
    if (path != null) {
      pb.environment().put("PATH", path);
    }
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim());
  }

  @Test
  void hookScriptRegistersOneModelPerRoundAgainstARunningSimulator(Vertx vertx, @TempDir Path dir) throws Exception {
    SimulatedModelServer sim = start(vertx);
    String base = "assay-sim-1";
    List<String> outputs = new ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      Path data = dataset(dir, "round-" + round + ".jsonl", prompts(10 + round, 30 * round));
      Run run = hook(sim.baseUrl(), data.toString(), Integer.toString(round), base);
      assertThat(run.exit()).as(run.err()).isZero();
      JsonObject reply = new JsonObject(run.out());
      assertThat(reply.getString("model")).isEqualTo("assay-sim-1-ft-r" + round);
      assertThat(reply.getBoolean("simulated")).isTrue();
      assertThat(reply.getString("base_model")).isEqualTo(base);
      assertThat(hook(sim.baseUrl(), data.toString(), Integer.toString(round), base).out()).isEqualTo(run.out());
      base = reply.getString("model");
      outputs.add(run.out());
    }
    JsonArray models = Await.result(WebClient.create(vertx).getAbs(sim.baseUrl() + "/v1/models").send())
        .bodyAsJsonObject().getJsonArray("data");
    assertThat(models.stream().filter(m -> ((JsonObject) m).getBoolean("simulated", false))).hasSize(3);

    SimulatedModelServer restarted = start(vertx);
    Run again = hook(restarted.baseUrl(), dir.resolve("round-1.jsonl").toString(), "1", "assay-sim-1");
    assertThat(again.out()).as("re-registering after a restart").isEqualTo(outputs.get(0));

    Run missing = hook(sim.baseUrl(), dir.resolve("nope.jsonl").toString(), "4", base);
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("not a readable file");
    Path data = dataset(dir, "x.jsonl", prompts(20, 2));
    Run down = hook("http://127.0.0.1:1", data.toString(), "4", base);
    assertThat(down.exit()).isEqualTo(3);
    assertThat(down.err()).contains("cannot reach");
    Path junk = Files.writeString(dir.resolve("junk.jsonl"), "junk\n");
    Path bin = Files.createDirectory(dir.resolve("bin-without-curl"));
    for (String tool : List.of("sed", "dirname", "basename", "tail", "cat")) {
      Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
      Files.createSymbolicLink(bin.resolve(tool), real);
    }
    Run viaPython = hookWithPath(bin.toString(), sim.baseUrl(), data.toString(), "4", base);
    assertThat(viaPython.exit()).as(viaPython.err()).isZero();
    assertThat(new JsonObject(viaPython.out()).getString("model")).isEqualTo("assay-sim-1-ft-r4");
    Run refusedViaPython = hookWithPath(bin.toString(), sim.baseUrl(), junk.toString(), "5", base);
    assertThat(refusedViaPython.exit()).isEqualTo(3);
    assertThat(refusedViaPython.err()).contains("no chat sample");
    Run refused = hook(sim.baseUrl(), junk.toString(), "4", base);
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.err()).contains("HTTP 400").contains("no chat sample");
  }
}

package dev.assay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.model.Await;
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
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's own routes over HTTP: fault switch and down file, tokenize shapes, metrics, the headers. */
@ExtendWith(VertxExtension.class)
class SimulatorServerTest {
  private static SimulatedModelServer start(Vertx vertx, SimulatorOptions options) {
    SimulatedModelServer sim = new SimulatedModelServer(options);
    Await.result(vertx.deployVerticle(sim));
    return sim;
  }

  private static HttpResponse<Buffer> chat(WebClient web, SimulatedModelServer sim, String task, String varsHeader) {
    var post = web.postAbs(sim.baseUrl() + "/v1/chat/completions");
    if (task != null) {
      post.putHeader("X-Assay-Task", task);
    }
    if (varsHeader != null) {
      post.putHeader("X-Assay-Vars", varsHeader);
    }
    return Await.result(post.sendJsonObject(new JsonObject().put("model", "m").put("n", 1)
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")))));
  }

  private static String vars(JsonObject v) {
    return Base64.getEncoder().encodeToString(v.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static int status(WebClient web, SimulatedModelServer sim) {
    try {
      return chat(web, sim, null, null).statusCode();
    } catch (RuntimeException closed) {
      return 0;
    }
  }

  @Test
  void theFaultSwitchAndTheDownFileTakeTheModelDownAndUp(Vertx vertx, @TempDir Path dir) throws Exception {
    Path down = dir.resolve("model-down");
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults().withDownFile(down));
    WebClient web = WebClient.create(vertx);
    assertThat(status(web, sim)).isEqualTo(200);
    var off = Await.result(web.postAbs(sim.baseUrl() + "/v1/simulator/faults").sendJsonObject(new JsonObject().put("down", true)));
    assertThat(off.bodyAsJsonObject().getBoolean("down")).isTrue();
    assertThat(status(web, sim)).isIn(0, 503);
    assertThat(status(web, sim)).isIn(0, 503);
    Await.result(web.postAbs(sim.baseUrl() + "/v1/simulator/faults").sendJsonObject(new JsonObject().put("down", false)));
    assertThat(status(web, sim)).isEqualTo(200);
    var bad = Await.result(web.postAbs(sim.baseUrl() + "/v1/simulator/faults").sendJsonObject(new JsonObject().put("up", 1)));
    assertThat(bad.statusCode()).isEqualTo(400);

    Await.result(web.postAbs(sim.baseUrl() + "/v1/simulator/faults").sendJsonObject(new JsonObject().put("down_for_ms", 400)));
    assertThat(status(web, sim)).isIn(0, 503);
    Thread.sleep(500);
    assertThat(status(web, sim)).isEqualTo(200);

    Files.writeString(down, "");
    Thread.sleep(SimulatedModelServer.DOWN_FILE_POLL_MS * 3);
    assertThat(status(web, sim)).isIn(0, 503);
    Files.delete(down);
    Thread.sleep(SimulatedModelServer.DOWN_FILE_POLL_MS * 3);
    assertThat(status(web, sim)).isEqualTo(200);
  }

  @Test
  void tokenizeAnswersInTheImitatedServersShapeWithTheCountUsageUses(Vertx vertx) {
    WebClient web = WebClient.create(vertx);
    String text = "def f(x):\n    return x * 2  # doubled";
    int count = SimTokens.count(text);
    assertThat(count).as("about 3 to 4 characters a token").isBetween(text.length() / 5, text.length() / 2);
    SimulatedModelServer vllm = start(vertx, SimulatorOptions.defaults());
    JsonObject v = Await.result(web.postAbs(vllm.baseUrl() + "/tokenize")
        .sendJsonObject(new JsonObject().put("model", "m").put("prompt", text))).bodyAsJsonObject();
    assertThat(v.getInteger("count")).isEqualTo(count);
    assertThat(v.getJsonArray("tokens")).hasSize(count);
    SimulatedModelServer llama = start(vertx, SimulatorOptions.defaults().behavingLike("llama.cpp", 4));
    JsonObject l = Await.result(web.postAbs(llama.baseUrl() + "/tokenize")
        .sendJsonObject(new JsonObject().put("content", text))).bodyAsJsonObject();
    assertThat(l.getJsonArray("tokens")).hasSize(count);
    assertThat(l.containsKey("count")).isFalse();
    for (String none : new String[] {"ollama", "openai"}) {
      SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults().behavingLike(none, 4));
      assertThat(Await.result(web.postAbs(sim.baseUrl() + "/tokenize").sendJsonObject(new JsonObject()
          .put("prompt", text))).statusCode()).as(none).isEqualTo(404);
    }
  }

  @Test
  void metricsCountEveryGeneratedTokenPerTaskAndUsageAgrees(Vertx vertx) {
    WebClient web = WebClient.create(vertx);
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults());
    JsonObject problem = new JsonObject().put("problem", Ask.problem("math", "Solve for x: 3x + 7 = 22"));
    JsonObject body = chat(web, sim, "solve/math", vars(problem)).bodyAsJsonObject();
    int usage = body.getJsonObject("usage").getInteger("completion_tokens");
    String text = body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
    assertThat(usage).isEqualTo(SimTokens.count(text));
    chat(web, sim, null, null);
    String metrics = Await.result(web.getAbs(sim.baseUrl() + "/metrics").send()).bodyAsString();
    assertThat(metrics).contains("llamacpp:tokens_predicted_total " + sim.tokensPredicted(""))
        .contains("assay_simulator_task_tokens_predicted_total{task=\"solve/math\"} " + usage);
    JsonObject stats = Await.result(web.getAbs(sim.baseUrl() + "/v1/simulator/stats").send()).bodyAsJsonObject();
    assertThat(stats.getJsonObject("tokens_predicted_by_task").getLong("solve/math")).isEqualTo((long) usage);
    assertThat(sim.tokensPredicted("solve/")).isEqualTo(usage);
  }

  @Test
  void largeVariablesFitTheHeaderAndBadOnesAreRefused(Vertx vertx) {
    WebClient web = WebClient.create(vertx);
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults());
    String big = "def f(x):\n    \"\"\"" + "A long docstring. ".repeat(6_000) + "\"\"\"\n";
    JsonObject problem = new JsonObject().put("problem", Ask.problem("code", big));
    assertThat(vars(problem).length()).isGreaterThan(100_000);
    HttpResponse<Buffer> ok = chat(web, sim, "solve/code", vars(problem));
    assertThat(ok.statusCode()).isEqualTo(200);
    String text = ok.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0).getJsonObject("message")
        .getString("content");
    assertThat(text.contains("def f(x)") || text.contains("def _f_impl(x)")).as("answers the problem it was sent").isTrue();
    HttpResponse<Buffer> bad = chat(web, sim, "solve/code", "not base64 json!");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("X-Assay-Vars");
  }

  @Test
  void aRequestLogEndingInATornLineKeepsItApartFromTheNextRunsLines(Vertx vertx, @TempDir Path dir) throws Exception {
    Path log = dir.resolve("requests.jsonl");
    String whole = new JsonObject().put("task", "solve/math").encode();
    Files.writeString(log, whole + "\n{\"task\":\"solve/ma"); // a run killed in the middle of a line
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults().withRequestLog(log));
    assertThat(chat(WebClient.create(vertx), sim, "solve/code", null).statusCode()).isEqualTo(200);
    Await.result(vertx.undeploy(sim.deploymentID()));
    var lines = Files.readAllLines(log);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(whole);
    assertThat(lines.get(1)).as("the torn line, left as it was").isEqualTo("{\"task\":\"solve/ma");
    assertThat(new JsonObject(lines.get(2)).getString("task")).isEqualTo("solve/code");
  }
}

package dev.assay.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.Main;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11 end to end: config/agentic.yaml (tools + repair) through the simulator shows pass@1 rise
 * from tools and repair; a round killed in the middle of its trajectories and rerun keeps
 * byte-identical trajectories and never asks the model again for a stored turn; the SFT export
 * of trajectories passes a schema check and every final answer re-verifies.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgenticRoundTest {
  private Path dir;
  private JsonObject report;

  @BeforeAll
  void referenceRound() throws Exception {
    dir = Files.createTempDirectory("assay-agentic");
    Process p = assay("ref", dir.resolve("ref.db"), dir.resolve("ref-out"));
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();
    report = new JsonObject(Files.readString(dir.resolve("ref-out").resolve("report.json")));
  }

  @AfterAll
  void removeTempFiles() throws Exception {
    StageHarness.delete(dir);
  }

  /** The shipped agentic config, smaller: a few seeds of each domain, with a request log. */
  private Process assay(String name, Path db, Path out) throws Exception {
    Path math = dir.resolve("math.jsonl");
    Path code = dir.resolve("code.jsonl");
    if (!Files.exists(math)) {
      Files.write(math, Files.readAllLines(Path.of("problems/math.jsonl")).subList(0, 8));
      Files.write(code, Files.readAllLines(Path.of("problems/code.jsonl")).subList(0, 6));
    }
    String yaml = Files.readString(Path.of("config/agentic.yaml"))
        .replace("    - problems/math.jsonl\n    - problems/code.jsonl\n  proposals_per_seed: 1",
            "    - " + math + "\n    - " + code + "\n  proposals_per_seed: 0")
        .replace("  latency_ms: 2\n", "  latency_ms: 5\n  request_log: " + dir.resolve(name + "-requests.jsonl") + "\n");
    assertThat(yaml).contains("proposals_per_seed: 0").contains("request_log");
    Path cfg = Files.writeString(dir.resolve(name + ".yaml"), yaml);
    return AssayProcess.start(dir.resolve("log.txt"), "round", "--config", cfg.toString(), "--db", db.toString(),
        "--out", out.toString());
  }

  @Test
  void theReportShowsPassAtOneRiseFromToolsAndRepairAndWhatTheToolsCost() {
    JsonObject agent = report.getJsonObject("by_domain").getJsonObject("math").getJsonObject("agent");
    assertThat(agent).as(report.encodePrettily()).isNotNull();
    JsonObject pass = agent.getJsonObject("pass_at_1");
    assertThat(pass.getDouble("first_answer")).isGreaterThanOrEqualTo(pass.getDouble("without_tools_or_repair"));
    assertThat(pass.getDouble("after_repair_1")).isGreaterThanOrEqualTo(pass.getDouble("first_answer"));
    assertThat(agent.getLong("tool_calls")).isPositive();
    assertThat(agent.getDouble("tool_sandbox_seconds")).isPositive();
    assertThat(report.getJsonObject("by_domain").getJsonObject("code").getJsonObject("agent")).isNotNull();
  }

  @Test
  void aRoundKilledMidTrajectoriesResumesToTheSameTrajectoriesWithoutAskingAgain() throws Exception {
    Path db = dir.resolve("killed.db");
    Path out = dir.resolve("killed-out");
    Process p = assay("killed", db, out);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (AssayProcess.count(db, "SELECT COUNT(*) FROM turns WHERE role='tool'") < 5 && p.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("killed while trajectories run").isTrue();
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    long storedTurns = AssayProcess.count(db, "SELECT COUNT(*) FROM turns");
    int killedLines = Files.readAllLines(dir.resolve("killed-requests.jsonl")).size();
    Process again = assay("killed", db, out);
    assertThat(again.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(again.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();
    assertThat(Files.readString(out.resolve("samples.jsonl"))).isEqualTo(Files.readString(dir.resolve("ref-out")
        .resolve("samples.jsonl")));
    // a resumed trajectory asks only for the turn it was waiting for at the kill: per trajectory
    // (problem, seed), the one request asked again is the last one the killed run sent, never an
    // earlier turn whose answer was stored; at most as many as were in flight
    List<String> log = Files.readAllLines(dir.resolve("killed-requests.jsonl"));
    Map<String, Integer> frontier = new HashMap<>();
    Set<String> asked = new HashSet<>();
    int repeated = 0;
    for (int i = 0; i < log.size(); i++) {
      JsonObject r = parsed(log.get(i));
      JsonObject vars = r == null ? null : r.getJsonObject("vars", new JsonObject());
      if (vars == null || vars.getJsonObject("agent") == null || r.getInteger("status", 200) != 200) {
        continue;
      }
      JsonObject body = r.getJsonObject("body");
      String trajectory = vars.getJsonObject("problem").getString("id") + "/" + body.getLong("seed");
      int size = body.getJsonArray("messages").size();
      String key = trajectory + "/" + body.getInteger("n", 1) + "/" + size;
      if (i < killedLines) {
        frontier.merge(trajectory, size, Math::max);
        asked.add(key);
      } else if (!asked.add(key)) {
        repeated++;
        assertThat(size).as("asked again for a stored turn: " + key + " (" + storedTurns + " turns stored at the kill)")
            .isEqualTo(frontier.get(trajectory));
      }
    }
    assertThat(repeated).as("requests asked again").isLessThanOrEqualTo(8);
  }

  /** A request log line, null when it is the torn last line of the killed run. */
  private static JsonObject parsed(String line) {
    try {
      return new JsonObject(line);
    } catch (io.vertx.core.json.DecodeException e) {
      return null;
    }
  }

  @Test
  void theSftExportHoldsWellFormedConversationsWhoseFinalAnswersReverify() throws Exception {
    Path sft = dir.resolve("export").resolve("sft.jsonl");
    assertThat(Main.run("export", "--db", dir.resolve("ref.db").toString(), "--round", "1", "--format", "sft", "--out",
        sft.toString())).isZero();
    List<String> lines = Files.readAllLines(sft);
    assertThat(lines).isNotEmpty();
    int withTools = 0;
    for (String line : lines) {
      JsonArray messages = new JsonObject(line).getJsonArray("messages");
      Map<String, Boolean> open = new HashMap<>();
      String previous = "";
      for (int i = 0; i < messages.size(); i++) {
        JsonObject m = messages.getJsonObject(i);
        String role = m.getString("role");
        assertThat(role).isIn("system", "user", "assistant", "tool");
        if (role.equals("system")) {
          assertThat(i).isZero();
        }
        if (role.equals("tool")) {
          assertThat(previous).isIn("assistant", "tool");
          assertThat(open.remove(m.getString("tool_call_id"))).as("a tool message answers an open call").isNotNull();
        }
        if (role.equals("assistant") && m.containsKey("tool_calls")) {
          withTools++;
          for (Object c : m.getJsonArray("tool_calls")) {
            JsonObject call = (JsonObject) c;
            assertThat(call.getString("type")).isEqualTo("function");
            assertThat(new JsonObject(call.getJsonObject("function").getString("arguments")).getString("code")).isNotNull();
            open.put(call.getString("id"), true);
          }
        }
        previous = role;
      }
      assertThat(open).as("every tool call answered").isEmpty();
      assertThat(messages.getJsonObject(messages.size() - 1).getString("role")).isEqualTo("assistant");
    }
    assertThat(withTools).isPositive();
    // the final answer of every exported conversation passes our verifiers again, outside the round
    assertThat(Reverify.exported(Path.of("config/agentic.yaml"), lines))
        .allSatisfy(v -> assertThat(v.passed()).as(v.toString()).isTrue());
  }
}

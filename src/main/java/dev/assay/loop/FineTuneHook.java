package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.AssayConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fine-tune hook called after a round: a command template ({@code {dataset}}, {@code {round}},
 * {@code {base_model}}) or an HTTP POST of {@code {"dataset","round","base_model"}}. Either answers
 * with JSON naming the next model: {@code {"model": "...", "base_url": "..."}} (base_url optional:
 * the same endpoint). Blocking: call it off the event loop. A failing hook is an UNEXPECTED_STATE
 * error naming what failed; nothing of the finished round is touched.
 */
public final class FineTuneHook {
  private FineTuneHook() {}

  /** The model a hook made. */
  public record NewModel(String name, String baseUrl, JsonObject answer) {}

  public static NewModel call(AssayConfig.Hook hook, Path dataset, int round, String baseModel, Map<String, String> env) {
    String answer = hook.command() != null ? command(hook, dataset, round, baseModel, env) : post(hook, dataset, round, baseModel);
    JsonObject j;
    try {
      j = new JsonObject(lastLine(answer));
    } catch (DecodeException | ClassCastException e) {
      throw failed("its answer is not a JSON object (last line: '" + brief(lastLine(answer)) + "')");
    }
    String name = j.getString("model");
    if (name == null || name.isBlank()) {
      throw failed("its answer has no \"model\": " + brief(j.encode()));
    }
    return new NewModel(name, j.getString("base_url"), j);
  }

  static List<String> argv(String template, Path dataset, int round, String baseModel) {
    List<String> out = new ArrayList<>();
    for (String part : template.trim().split("\\s+")) {
      out.add(part.replace("{dataset}", dataset.toAbsolutePath().toString())
          .replace("{round}", String.valueOf(round)).replace("{base_model}", baseModel));
    }
    // a relative script that is not here is looked up in the Assay checkout (the shipped hooks)
    String home = System.getenv("ASSAY_HOME");
    Path first = Path.of(out.get(0));
    if (home != null && !first.isAbsolute() && out.get(0).contains("/") && !java.nio.file.Files.exists(first)
        && java.nio.file.Files.exists(Path.of(home).resolve(first))) {
      out.set(0, Path.of(home).resolve(first).toString());
    }
    return out;
  }

  private static String command(AssayConfig.Hook hook, Path dataset, int round, String baseModel, Map<String, String> env) {
    List<String> argv = argv(hook.command(), dataset, round, baseModel);
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(hook.timeoutMs(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw failed("'" + String.join(" ", argv) + "' did not finish within " + hook.timeoutMs() + " ms");
      }
      if (p.exitValue() != 0) {
        throw failed("'" + String.join(" ", argv) + "' exited with " + p.exitValue());
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failed("cannot run '" + String.join(" ", argv) + "': " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("interrupted");
    }
  }

  private static String post(AssayConfig.Hook hook, Path dataset, int round, String baseModel) {
    String body = new JsonObject().put("dataset", dataset.toAbsolutePath().toString()).put("round", round)
        .put("base_model", baseModel).encode();
    try {
      HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(HttpRequest.newBuilder(URI.create(hook.url())).timeout(Duration.ofMillis(hook.timeoutMs()))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw failed("POST " + hook.url() + " answered " + r.statusCode() + ": " + brief(r.body()));
      }
      return r.body();
    } catch (IOException e) {
      throw failed("POST " + hook.url() + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("interrupted");
    }
  }

  private static String lastLine(String s) {
    String[] lines = s.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private static AssayException failed(String why) {
    return new AssayException(ErrorKind.UNEXPECTED_STATE, "fine-tune hook failed: " + why
        + "; the finished rounds are stored, rerun `assay run` after fixing the hook");
  }

  private static String brief(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}

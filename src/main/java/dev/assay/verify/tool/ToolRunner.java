package dev.assay.verify.tool;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Runs one tool call ({@link ToolRun}) in the sandbox with the cell harness {@code tool.py} and
 * turns the run into a {@link ToolResult}. The sandbox's containment applies to the code as to any
 * candidate (no network, no secrets in the environment, CPU time, memory, processes, output); what
 * the code does is a result, and only a sandbox that fails itself fails the future (SANDBOX_INFRA).
 */
public final class ToolRunner {
  /** The sandbox stops a run this far past the bytes returned, so a flood ends early but N is known for most outputs. */
  static final int CAPTURE_SLACK_BYTES = 64 * 1024;
  private static final String TEMPLATE = load();

  private ToolRunner() {}

  /** Runs {@code run}; fails INVALID_INPUT for impossible limits, SANDBOX_INFRA when the sandbox breaks. */
  public static Future<ToolResult> run(Sandbox sandbox, ToolRun run) {
    if (run.timeoutMs() < 1 || run.memoryMb() < 16 || run.outputBytes() < 1) {
      return Future.failedFuture(AssayException.invalid("a tool run needs timeoutMs >= 1, memoryMb >= 16 and"
          + " outputBytes >= 1, got " + run.timeoutMs() + ", " + run.memoryMb() + ", " + run.outputBytes()));
    }
    if (run.code().isBlank()) {
      return Future.succeededFuture(new ToolResult(ToolResult.OK, "", 0, 0));
    }
    return sandbox.run(spec(run)).compose(r -> r.status() == SandboxStatus.SANDBOX_ERROR
        ? Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA, "the sandbox failed running a tool call: "
            + r.detail()))
        : Future.succeededFuture(result(run, r)));
  }

  static SandboxSpec spec(ToolRun run) {
    JsonObject payload = new JsonObject().put("history", new JsonArray(run.history())).put("code", run.code());
    String b64 = Base64.getEncoder().encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
    int cap = (int) Math.min(Integer.MAX_VALUE, (long) run.outputBytes() + CAPTURE_SLACK_BYTES);
    return new SandboxSpec(Language.PYTHON, TEMPLATE.replace("@@PAYLOAD@@", b64), Map.of(), "", run.timeoutMs(),
        run.memoryMb(), cap);
  }

  static ToolResult result(ToolRun run, SandboxResult r) {
    String status = switch (r.status()) {
      case OK -> ToolResult.OK;
      case TIMEOUT -> ToolResult.TIMEOUT;
      case MEMORY -> ToolResult.MEMORY;
      case OUTPUT_LIMIT -> ToolResult.OUTPUT_LIMIT;
      default -> ToolResult.ERROR;
    };
    String output = switch (status) {
      case ToolResult.TIMEOUT -> "Error: the code ran out of time (" + seconds(run.timeoutMs()) + " s)";
      case ToolResult.MEMORY -> "Error: the code ran out of memory (" + run.memoryMb() + " MB)";
      // how much a flood printed before it was stopped depends on timing: say where it was cut, not how much more
      case ToolResult.OUTPUT_LIMIT -> cut(shown(r, status), run.outputBytes(), STOPPED);
      default -> cut(shown(r, status), run.outputBytes());
    };
    return new ToolResult(status, output, r.cpuMs(), r.wallMs());
  }

  /** stdout, then stderr; an error that printed nothing says how the process ended. */
  private static String shown(SandboxResult r, String status) {
    String out = r.stdout();
    String err = r.stderr();
    if (ToolResult.ERROR.equals(status) && err.isBlank()) {
      err = (r.exitCode() >= 0 ? "Error: the code ended with exit code " + r.exitCode()
          : "Error: the code was killed by a signal") + "\n";
    }
    if (!out.isEmpty() && !err.isEmpty() && !out.endsWith("\n")) {
      out += "\n";
    }
    return out + err;
  }

  /** {@code text} cut to at most {@code max} UTF-8 bytes (at a character boundary) with the truncation marker. */
  static String cut(String text, int max) {
    return cut(text, max, null);
  }

  private static final String STOPPED = "\n[... output truncated: the code printed past the limit and was stopped]";

  /** {@link #cut(String, int)} with {@code marker} (null: the count of bytes cut) in place of the count. */
  private static String cut(String text, int max, String marker) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= max) {
      return text;
    }
    int end = max;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--; // never split a character: back up to the start of the one at the cut
    }
    String kept = new String(bytes, 0, end, StandardCharsets.UTF_8);
    return kept + (marker != null ? marker : "\n[... output truncated: " + (bytes.length - end) + " more bytes]");
  }

  static String seconds(long ms) {
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros()
        .toPlainString();
  }

  private static String load() {
    try (InputStream in = ToolRunner.class.getResourceAsStream("tool.py")) {
      if (in == null) {
        throw new AssayException(ErrorKind.INTERNAL, "tool.py missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssayException(ErrorKind.INTERNAL, "cannot read tool.py", e);
    }
  }
}

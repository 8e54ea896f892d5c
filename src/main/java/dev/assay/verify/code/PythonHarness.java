package dev.assay.verify.code;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds the Python harness program for one task and candidate. The program text embeds the
 * task and candidate (public); the nonce goes on stdin, followed for I/O tasks by the expected
 * outputs, which the harness reads only after every case has run.
 */
final class PythonHarness {

  /** Modules a candidate verified in-process may not import (harness introspection). */
  static final List<String> BANNED_MODULES =
      List.of("ctypes", "gc", "inspect", "importlib", "builtins", "__main__");
  /** Attributes a candidate may not touch: frames, tracing, os._exit, module table. */
  static final List<String> BANNED_ATTRS = List.of("_getframe", "settrace", "setprofile",
      "f_back", "f_locals", "f_globals", "f_builtins", "gi_frame", "cr_frame", "tb_frame",
      "_exit", "__globals__", "__closure__", "get_referrers", "get_referents", "get_objects",
      "modules");
  static final List<String> BANNED_NAMES = List.of("__builtins__", "__import__");
  static final int CHANNEL_CAP_BYTES = 1 << 20;

  private static final String TEMPLATE = load();

  private PythonHarness() {}

  /** The harness source for a task and candidate. */
  static String source(CodeTask task, String candidate, long timeoutMs) {
    JsonObject p = new JsonObject()
        .put("candidate", candidate)
        .put("budget_s", budgetMs(timeoutMs) / 1000.0)
        .put("output_cap", CHANNEL_CAP_BYTES)
        .put("banned_modules", new JsonArray(BANNED_MODULES))
        .put("banned_attrs", new JsonArray(BANNED_ATTRS))
        .put("banned_names", new JsonArray(BANNED_NAMES))
        .put("entry_names", new JsonArray(task.entryNames()));
    switch (task.format()) {
      case "humaneval" -> p.put("mode", "functions")
          .put("prompt", task.raw().getString("prompt"))
          .put("entry_point", task.entryPoint())
          .put("check", task.raw().getString("test"));
      case "mbpp" -> p.put("mode", "functions")
          .put("setup", task.raw().getString("test_setup_code", ""))
          .put("tests", new JsonArray(task.testStrings()));
      case "seed" -> p.put("mode", "functions")
          .put("prompt", task.raw().getString("prompt", ""))
          .put("entry_point", task.entryPoint())
          .put("setup", task.raw().getString("test_setup_code", ""))
          .put("tests", new JsonArray(task.testStrings()));
      case "call" -> p.put("mode", "functions")
          .put("prompt", "")
          .put("setup", "")
          .put("tests", new JsonArray(CallTests.of(task)));
      case "io" -> {
        JsonArray in = new JsonArray();
        task.ioCases().forEach(c -> in.add(c[0]));
        p.put("mode", "io").put("inputs", in);
      }
      default -> throw new AssayException(ErrorKind.INTERNAL,
          "no python harness for format " + task.format());
    }
    String b64 = Base64.getEncoder().encodeToString(p.encode().getBytes(StandardCharsets.UTF_8));
    return TEMPLATE.replace("@@PAYLOAD@@", b64);
  }

  /**
   * The harness's stdin: the nonce line, then the byte length of the expected outputs of I/O
   * cases and those outputs (JSON), which the harness reads before any candidate code runs.
   */
  static String stdin(String nonce, CodeTask task) {
    String secret = "";
    if ("io".equals(task.format())) {
      JsonArray out = new JsonArray();
      task.ioCases().forEach(c -> out.add(c[1]));
      secret = out.encode();
    }
    return nonce + "\n" + secret.getBytes(StandardCharsets.UTF_8).length + "\n" + secret;
  }

  static SandboxSpec spec(String source, String stdin, long timeoutMs, int memoryMb) {
    return new SandboxSpec(Language.PYTHON, source, Map.of(), stdin, timeoutMs, memoryMb,
        SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES);
  }

  /** The harness's own deadline: the sandbox limit less a margin for interpreter start. */
  static long budgetMs(long timeoutMs) {
    long margin = Math.max(200, Math.min(1500, timeoutMs / 5));
    return Math.max(100, timeoutMs - margin);
  }

  private static String load() {
    try (InputStream in = PythonHarness.class.getResourceAsStream("harness.py")) {
      if (in == null) {
        throw new AssayException(ErrorKind.INTERNAL, "harness.py missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssayException(ErrorKind.INTERNAL, "cannot read harness.py", e);
    }
  }
}

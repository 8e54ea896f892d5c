package dev.assay.verify.proposal;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.verify.code.CodeVerifier;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a proposed program becomes a task (Absolute Zero style). It is kept only if
 * it parses, imports and names nothing banned, terminates on every input within the limits,
 * raises nothing, returns JSON-serialisable values, and is deterministic: each input is run
 * twice in one process and, with {@code runTwice}, the whole program again in a second process
 * (a different hash seed). The outputs come from these runs, never from the model's text.
 *
 * <p>Java proposals (a class with a static method, inputs as Java literal argument lists)
 * get the same checks: banned APIs and packages and non-literal inputs statically, then two
 * calls per input in one JVM and a second run, with outputs rendered as canonical JSON; the
 * per-input time limit is the run's.
 *
 * <p>A rejection is a value whose reason reaches the yield report; the future fails only when
 * the sandbox itself is broken.
 */
public final class TaskValidator {

  private static final String TEMPLATE = load();
  private static final java.security.SecureRandom SEEDS = new java.security.SecureRandom();

  private final Sandbox sandbox;
  private final TaskValidatorOptions options;

  public TaskValidator(Sandbox sandbox, TaskValidatorOptions options) {
    this.sandbox = sandbox;
    this.options = options;
  }

  public TaskValidator(Sandbox sandbox) {
    this(sandbox, TaskValidatorOptions.defaults());
  }

  /** Validates one proposal; see the class comment. */
  public Future<TaskValidation> validate(ProposedProgram p) {
    if (p.inputs().size() < options.minInputs()) {
      return Future.succeededFuture(TaskValidation.rejected(Rejection.TOO_FEW_INPUTS,
          p.inputs().size() + " < " + options.minInputs()));
    }
    return runOnce(p).compose(first -> !first.valid() || !options.runTwice()
        ? Future.succeededFuture(first)
        : runOnce(p).map(second -> compare(first, second)));
  }

  private static TaskValidation compare(TaskValidation a, TaskValidation b) {
    if (!b.valid()) {
      return b.rejection() == Rejection.RUNTIME_ERROR || b.rejection() == Rejection.NONTERMINATING
          ? TaskValidation.rejected(Rejection.NONDETERMINISTIC, "second run: " + b.rejection().wire() + " "
              + b.detail())
          : b;
    }
    for (int i = 0; i < a.outputs().size(); i++) {
      if (!a.outputs().get(i).equals(b.outputs().get(i))) {
        return TaskValidation.rejected(Rejection.NONDETERMINISTIC, "input " + i + " differs between "
            + "processes: " + cut(a.outputs().get(i)) + " vs " + cut(b.outputs().get(i)));
      }
    }
    return a;
  }

  private Future<TaskValidation> runOnce(ProposedProgram p) {
    String nonce = CodeVerifier.nonce();
    if (p.language() == Language.JAVA) {
      TaskValidation rejected = JavaProposals.staticCheck(p);
      return rejected != null ? Future.succeededFuture(rejected)
          : sandbox.run(JavaProposals.spec(p, nonce, options.timeoutMs(), options.memoryMb()))
              .map(r -> parse(r, nonce));
    }
    JsonObject payload = new JsonObject()
        .put("code", p.code())
        .put("entry_point", p.entryPoint())
        .put("inputs", new JsonArray(p.inputs()))
        .put("per_input_s", options.perInputMs() / 1000.0)
        .put("hash_seed", 1 + SEEDS.nextInt(1_000_000_000))
        .put("banned_modules", new JsonArray(options.bannedModules()))
        .put("banned_calls", new JsonArray(options.bannedCalls()))
        .put("banned_events", new JsonArray(options.bannedEvents()));
    String src = TEMPLATE.replace("@@PAYLOAD@@", Base64.getEncoder()
        .encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8)));
    SandboxSpec spec = new SandboxSpec(Language.PYTHON, src, Map.of(), nonce + "\n",
        options.timeoutMs(), options.memoryMb(), SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES);
    return sandbox.run(spec).map(r -> parse(r, nonce));
  }

  static TaskValidation parse(SandboxResult r, String nonce) {
    JsonObject rep = null;
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith(nonce + " ")) {
        try {
          rep = new JsonObject(line.substring(nonce.length() + 1));
        } catch (DecodeException e) {
          rep = null;
        }
      }
    }
    if (r.status() == SandboxStatus.SANDBOX_ERROR) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "the sandbox failed validating a program: " + r.detail());
    }
    if (rep == null) {
      Rejection why = switch (r.status()) {
        case TIMEOUT -> Rejection.NONTERMINATING;
        case COMPILE_ERROR -> Rejection.SYNTAX_ERROR;
        case MEMORY -> Rejection.MEMORY;
        case OUTPUT_LIMIT -> Rejection.OUTPUT_LIMIT;
        default -> Rejection.RUNTIME_ERROR;
      };
      String tail = r.stderr().length() > 300 ? r.stderr().substring(r.stderr().length() - 300)
          : r.stderr();
      return TaskValidation.rejected(why, (r.detail() + " " + tail).trim());
    }
    if (!rep.getBoolean("ok", false)) {
      return TaskValidation.rejected(rep.getString("reason", "runtime_error"),
          rep.getString("detail", ""));
    }
    if (r.status() != SandboxStatus.OK && r.status() != SandboxStatus.RUNTIME_ERROR) {
      return TaskValidation.rejected(r.status() == SandboxStatus.TIMEOUT ? Rejection.NONTERMINATING
          : Rejection.parse(r.status().wire(), new String[1]), r.detail());
    }
    return new TaskValidation(null, "", strings(rep.getJsonArray("outputs")),
        strings(rep.getJsonArray("reprs")));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    a.forEach(o -> out.add(String.valueOf(o)));
    return out;
  }

  private static String cut(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }

  private static String load() {
    try (InputStream in = TaskValidator.class.getResourceAsStream("validate.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("validate.py missing from the classpath", e);
    }
  }
}

package dev.assay.verify.code;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.verify.Verdict;
import dev.assay.verify.VerdictReason;
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
 * The three Absolute-Zero task types on code, built from a program {@code f} that
 * {@link TaskValidator} kept, each with its own check:
 *
 * <ul>
 *   <li>deduction: given {@code f} and {@code x}, predict {@code f(x)}; the answer (a Python
 *       literal) must equal the output computed when {@code f} was validated
 *   <li>abduction: given {@code f} and {@code y}, find {@code x} with {@code f(x) == y}; checked
 *       by running {@code f} on the answer in the sandbox (any such {@code x} is right)
 *   <li>induction: given some input/output pairs and a message, write {@code f}; checked by
 *       {@link CodeVerifier} on held-out pairs the solver never sees
 * </ul>
 */
public final class AzTasks {

  public static final String VERSION = "az-code/1";
  private static final String TEMPLATE = load();

  private final Sandbox sandbox;
  private final CodeVerifier verifier;

  /** @param verifier runs induction answers; its limits apply to the other checks too */
  public AzTasks(Sandbox sandbox, CodeVerifier verifier) {
    this.sandbox = sandbox;
    this.verifier = verifier;
  }

  /** Checks a solver's answer; a wrong or unparsable answer is a verdict, never a failure. */
  public Future<Verdict> check(AzProblem problem, String answer) {
    String a = unfence(answer == null ? "" : answer);
    if ("induction".equals(problem.type())) {
      CodeTask task = CodeTask.fromJson(new JsonObject().put("id", problem.id())
          .put("entry_point", problem.data().getString("entry_point"))
          .put("tests", problem.data().getJsonArray("held_out")), "seed");
      return verifier.verify(task, a).map(CodeVerdict::verdict);
    }
    if (a.isBlank()) {
      return Future.succeededFuture(new Verdict(VerdictReason.NO_ANSWER, "empty answer",
          VERSION, 0));
    }
    String nonce = CodeVerifier.nonce();
    JsonObject payload = problem.data().copy().put("type", problem.type()).put("answer", a);
    String src = TEMPLATE.replace("@@PAYLOAD@@", Base64.getEncoder()
        .encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8)));
    SandboxSpec spec = new SandboxSpec(Language.PYTHON, src, Map.of(), nonce + "\n",
        verifier.timeoutMs(), verifier.memoryMb(), SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES);
    return sandbox.run(spec).map(r -> verdict(r, nonce));
  }

  private static Verdict verdict(SandboxResult r, String nonce) {
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith(nonce + " ")) {
        try {
          JsonObject j = new JsonObject(line.substring(nonce.length() + 1));
          return new Verdict(VerdictReason.parse(j.getString("reason")), j.getString("detail"),
              VERSION, r.wallMs());
        } catch (DecodeException | IllegalArgumentException e) {
          break;
        }
      }
    }
    if (r.status() == SandboxStatus.SANDBOX_ERROR) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "the sandbox failed checking an answer: " + r.detail());
    }
    VerdictReason why = r.ok() ? VerdictReason.RUNTIME_ERROR : VerdictReason.of(r.status());
    String tail = r.stderr().length() > 300 ? r.stderr().substring(r.stderr().length() - 300)
        : r.stderr();
    return new Verdict(why, (r.detail() + " " + tail).trim(), VERSION, r.wallMs());
  }

  static String unfence(String s) {
    String t = s.strip();
    if (t.startsWith("```")) {
      int nl = t.indexOf('\n');
      t = nl < 0 ? "" : t.substring(nl + 1);
      int end = t.lastIndexOf("```");
      t = end < 0 ? t : t.substring(0, end);
    }
    return t.strip();
  }

  private static String load() {
    try (InputStream in = AzTasks.class.getResourceAsStream("az_check.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("az_check.py missing from the classpath", e);
    }
  }
}

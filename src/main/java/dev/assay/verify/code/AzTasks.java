package dev.assay.verify.code;

import dev.assay.AssayException;
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

  public static AzProblem deduction(ProposedProgram p, TaskValidation v, int i) {
    JsonObject d = base(p, v).put("input", p.inputs().get(i)).put("expected", repr(v, i));
    return new AzProblem(p.id() + "/deduction/" + i, "deduction",
        "Predict the output of this Python function.\n\n```python\n" + p.code().strip()
            + "\n```\n\nWhat does " + p.entryPoint() + "(" + p.inputs().get(i)
            + ") return? Answer with the value as a Python literal.", d);
  }

  public static AzProblem abduction(ProposedProgram p, TaskValidation v, int i) {
    JsonObject d = base(p, v).put("input", p.inputs().get(i)).put("expected", repr(v, i));
    return new AzProblem(p.id() + "/abduction/" + i, "abduction",
        "Find an input for this Python function.\n\n```python\n" + p.code().strip()
            + "\n```\n\nGive arguments for which " + p.entryPoint() + " returns " + repr(v, i)
            + ". Answer with the arguments as Python literals separated by commas.", d);
  }

  /**
   * @param shown how many of the pairs (from the first) the solver sees; the rest are held out
   * @param message the proposer's hint about what f does, may be ""
   */
  public static AzProblem induction(ProposedProgram p, TaskValidation v, int shown,
      String message) {
    if (shown < 1 || shown >= p.inputs().size()) {
      throw AssayException.invalid("induction needs 1 <= shown < " + p.inputs().size());
    }
    StringBuilder sb = new StringBuilder("Write a Python function " + p.entryPoint()
        + " that maps these inputs to these outputs.\n");
    if (message != null && !message.isBlank()) {
      sb.append("Hint: ").append(message.strip()).append('\n');
    }
    for (int i = 0; i < shown; i++) {
      sb.append(p.entryPoint()).append('(').append(p.inputs().get(i)).append(") == ")
          .append(repr(v, i)).append('\n');
    }
    JsonArray held = new JsonArray();
    for (int i = shown; i < p.inputs().size(); i++) {
      held.add("assert " + p.entryPoint() + "(" + p.inputs().get(i) + ") == " + repr(v, i));
    }
    return new AzProblem(p.id() + "/induction", "induction",
        sb.append("Answer with the complete function.").toString(),
        base(p, v).put("held_out", held));
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
    VerdictReason why = r.ok() ? VerdictReason.RUNTIME_ERROR : VerdictReason.of(r.status());
    String tail = r.stderr().length() > 300 ? r.stderr().substring(r.stderr().length() - 300)
        : r.stderr();
    return new Verdict(why, (r.detail() + " " + tail).trim(), VERSION, r.wallMs());
  }

  /** All problems of one program: deduction and abduction per input, one induction. */
  public static List<AzProblem> all(ProposedProgram p, TaskValidation v, String message) {
    List<AzProblem> out = new ArrayList<>();
    for (int i = 0; i < p.inputs().size(); i++) {
      out.add(deduction(p, v, i));
      out.add(abduction(p, v, i));
    }
    if (p.inputs().size() >= 2) {
      out.add(induction(p, v, (p.inputs().size() + 1) / 2, message));
    }
    return out;
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

  private static JsonObject base(ProposedProgram p, TaskValidation v) {
    if (!v.valid()) {
      throw AssayException.invalid("program " + p.id() + " was rejected: " + v.reason());
    }
    return new JsonObject().put("code", p.code()).put("entry_point", p.entryPoint());
  }

  private static String repr(TaskValidation v, int i) {
    return v.outputReprs().get(i);
  }

  private static String load() {
    try (InputStream in = AzTasks.class.getResourceAsStream("az_check.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("az_check.py missing from the classpath", e);
    }
  }
}

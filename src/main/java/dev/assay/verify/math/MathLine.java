package dev.assay.verify.math;

import dev.assay.AssayException;
import io.vertx.core.json.JsonObject;

/**
 * One line of a {@code assay verify math FILE} input: {@code gold}, {@code pred}, and optionally
 * {@code match} ({@code latex}, {@code expr}, {@code latex+expr}; {@code auto} when absent or
 * unknown), {@code precision}, {@code strict}, {@code allow_set_relation_comp}, {@code expected}.
 */
public final class MathLine {
  private MathLine() {}

  /** The options a line asks for; {@code modeOverride} (the CLI's {@code --mode}) wins when set. */
  public static MathOptions options(JsonObject line, MatchMode modeOverride) {
    MatchMode mode = modeOverride;
    if (mode == null) {
      try {
        mode = MatchMode.parse(line.getString("match"));
      } catch (AssayException | ClassCastException e) {
        mode = MatchMode.AUTO;
      }
    }
    return new MathOptions(mode, line.getInteger("precision", MathOptions.DEFAULT_PRECISION),
        line.getBoolean("strict", true), line.getBoolean("allow_set_relation_comp", false),
        MathOptions.DEFAULT_TIMEOUT_MS);
  }

  /**
   * Checks one line. Returns {@code {"equivalent", "reason", "gold_answer", "pred_answer"}} plus
   * {@code "expected"} and {@code "agrees"} when the line has {@code expected}.
   *
   * @throws AssayException INVALID_INPUT when {@code gold} or {@code pred} is missing
   */
  public static JsonObject check(MathChecker checker, JsonObject line, MatchMode modeOverride) {
    String gold = line.getValue("gold") == null ? null : String.valueOf(line.getValue("gold"));
    String pred = line.getValue("pred") == null ? null : String.valueOf(line.getValue("pred"));
    if (gold == null || pred == null) {
      throw AssayException.invalid("a math line needs \"gold\" and \"pred\"");
    }
    MathCheck r = checker.check(gold, pred, options(line, modeOverride));
    JsonObject out = new JsonObject()
        .put("equivalent", r.equivalent())
        .put("reason", r.reason().wire())
        .put("gold_answer", r.goldAnswer())
        .put("pred_answer", r.predAnswer());
    Object expected = line.getValue("expected");
    if (expected instanceof Boolean e) {
      out.put("expected", e).put("agrees", e == r.equivalent());
    }
    return out;
  }
}

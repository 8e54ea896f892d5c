package dev.assay.verify.math;

import dev.assay.AssayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * One line of a {@code assay verify math FILE} input: {@code gold}, {@code pred} (strings, or
 * numbers), and optionally {@code match} ({@code latex}, {@code expr}, {@code latex+expr};
 * {@code auto} when absent or an unknown name), {@code precision} (integer 0..15),
 * {@code strict}, {@code allow_set_relation_comp}, {@code expected} (booleans),
 * {@code extraction} ({@code strict} or {@code lenient}) and {@code answer_format}
 * ({@link AnswerFormat#parse}). A field of the wrong type or out of range is refused, naming it.
 */
public final class MathLine {
  private MathLine() {}

  /**
   * What the command line sets for every line; a null component leaves each line's own value.
   *
   * @param mode the CLI's {@code --mode}
   * @param extraction the CLI's {@code --extraction}
   * @param format the CLI's {@code --answer-format}
   */
  public record Overrides(MatchMode mode, ExtractionMode extraction, AnswerFormat format) {
    public static final Overrides NONE = new Overrides(null, null, null);
  }

  /**
   * The options a line asks for; the command line's overrides (null: none) win where set.
   *
   * @throws AssayException INVALID_INPUT naming the field when one has the wrong type or range
   */
  public static MathOptions options(JsonObject line, Overrides overrides) {
    Overrides over = overrides == null ? Overrides.NONE : overrides;
    MatchMode mode = over.mode();
    if (mode == null) {
      String match = string(line, "match");
      try {
        mode = MatchMode.parse(match);
      } catch (AssayException e) {
        mode = MatchMode.AUTO;
      }
    }
    ExtractionMode extraction = over.extraction();
    String e = string(line, "extraction");
    if (extraction == null && e != null) {
      extraction = parsed("extraction", () -> ExtractionMode.parse(e));
    }
    AnswerFormat format = over.format();
    String f = string(line, "answer_format");
    if (format == null && f != null) {
      format = parsed("answer_format", () -> AnswerFormat.parse(f));
    }
    return new MathOptions(mode, precision(line), bool(line, "strict", true),
        bool(line, "allow_set_relation_comp", false), MathOptions.DEFAULT_TIMEOUT_MS, extraction, format);
  }

  /**
   * Checks one line. Returns {@code {"equivalent", "reason", "gold_answer", "pred_answer"}} plus
   * {@code "detail"} when the check has one (strict extraction's {@code format}), and
   * {@code "expected"} and {@code "agrees"} when the line has {@code expected}.
   *
   * @throws AssayException INVALID_INPUT naming the field when {@code gold} or {@code pred} is
   *     missing, or any field has the wrong type or range
   */
  public static JsonObject check(MathChecker checker, JsonObject line, Overrides over) {
    String gold = answerText(line, "gold");
    String pred = answerText(line, "pred");
    MathOptions opts = options(line, over);
    Object expected = line.getValue("expected");
    if (expected != null && !(expected instanceof Boolean)) {
      throw wrongType("expected", "true or false", expected);
    }
    MathCheck r = checker.check(gold, pred, opts);
    JsonObject out = new JsonObject()
        .put("equivalent", r.equivalent())
        .put("reason", r.reason().wire())
        .put("gold_answer", r.goldAnswer())
        .put("pred_answer", r.predAnswer());
    if (!r.detail().isEmpty()) {
      out.put("detail", r.detail());
    }
    if (expected instanceof Boolean e) {
      out.put("expected", e).put("agrees", e == r.equivalent());
    }
    return out;
  }

  private static String answerText(JsonObject line, String field) {
    Object v = line.getValue(field);
    if (v == null) {
      throw AssayException.invalid("missing field '" + field + "'");
    }
    if (!(v instanceof String) && !(v instanceof Number)) {
      throw wrongType(field, "a string", v);
    }
    return String.valueOf(v);
  }

  private static String string(JsonObject line, String field) {
    Object v = line.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw wrongType(field, "a string", v);
    }
    return (String) v;
  }

  private static boolean bool(JsonObject line, String field, boolean dflt) {
    Object v = line.getValue(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      throw wrongType(field, "true or false", v);
    }
    return b;
  }

  private static int precision(JsonObject line) {
    Object v = line.getValue("precision");
    if (v == null) {
      return MathOptions.DEFAULT_PRECISION;
    }
    String want = "an integer from 0 to 15";
    if (!(v instanceof Number n)) {
      throw wrongType("precision", want, v);
    }
    BigDecimal d = new BigDecimal(n.toString());
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0 || d.compareTo(BigDecimal.ZERO) < 0
        || d.compareTo(BigDecimal.valueOf(15)) > 0) {
      throw wrongType("precision", want, v);
    }
    return d.intValueExact();
  }

  private static <T> T parsed(String field, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (AssayException e) {
      throw AssayException.invalid("field '" + field + "' " + e.getMessage());
    }
  }

  private static AssayException wrongType(String field, String want, Object got) {
    return AssayException.invalid("field '" + field + "' must be " + want + ", got " + describe(got));
  }

  private static String describe(Object v) {
    if (v instanceof String s) {
      return new JsonArray().add(s.length() > 40 ? s.substring(0, 40) + "..." : s).encode().replaceAll("^\\[|\\]$", "");
    }
    if (v instanceof JsonObject) {
      return "an object";
    }
    if (v instanceof JsonArray) {
      return "an array";
    }
    return String.valueOf(v);
  }
}

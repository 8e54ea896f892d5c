package dev.assay.verify.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The per-line contract of {@code assay verify math FILE}. */
class MathLineTest {
  private final MathChecker checker = MathChecker.create();

  @Test
  void lineModeIsHonouredAndOverridable() {
    JsonObject line = new JsonObject().put("gold", "1,22").put("pred", "1.22").put("match", "expr").put("expected", true);
    JsonObject r = MathLine.check(checker, line, null);
    assertThat(r.getBoolean("equivalent")).isTrue();
    assertThat(r.getString("reason")).isEqualTo("equal");
    assertThat(r.getBoolean("agrees")).isTrue();
    // LaTeX mode reads no plain numbers: the prediction has no answer
    JsonObject latex = MathLine.check(checker, line, new MathLine.Overrides(MatchMode.LATEX, null, null));
    assertThat(latex.getBoolean("equivalent")).isFalse();
    assertThat(latex.getString("reason")).isEqualTo("no_answer");
    assertThat(latex.getBoolean("agrees")).isFalse();
  }

  @Test
  void absentOrUnknownMatchIsAutoAndReasonsAreReported() {
    assertThat(MathLine.options(new JsonObject(), null).mode()).isEqualTo(MatchMode.AUTO);
    assertThat(MathLine.options(new JsonObject().put("match", "hendrycks_is_equiv"), null).mode()).isEqualTo(MatchMode.AUTO);
    JsonObject r = MathLine.check(checker, new JsonObject().put("gold", "5").put("pred", "no idea"), null);
    assertThat(r.getString("reason")).isEqualTo("no_answer");
    assertThat(r.containsKey("expected")).isFalse();
    assertThatThrownBy(() -> MathLine.check(checker, new JsonObject().put("gold", "5"), null))
        .isInstanceOf(AssayException.class);
  }

  @Test
  void lineExtractionAndFormatAreHonouredAndTheCommandLineWins() {
    JsonObject line = new JsonObject().put("gold", "42").put("pred", "The answer is \"42\"").put("extraction", "strict");
    assertThat(MathLine.check(checker, line, null).getString("reason")).isEqualTo("equal");
    JsonObject boxed = MathLine.check(checker, line.copy().put("answer_format", "boxed"), null);
    assertThat(boxed.getString("reason")).isEqualTo("no_answer");
    assertThat(boxed.getString("detail")).isEqualTo("format");
    MathLine.Overrides lenient = new MathLine.Overrides(null, ExtractionMode.LENIENT, null);
    JsonObject over = MathLine.check(checker, line.copy().put("answer_format", "boxed"), lenient);
    assertThat(over.getString("reason")).isEqualTo("equal");
    assertThat(over.containsKey("detail")).isFalse();
    assertThat(MathLine.options(new JsonObject().put("precision", 15.0), null).precision()).isEqualTo(15);
    assertThatThrownBy(() -> MathLine.options(new JsonObject().put("precision", 16), null))
        .hasMessage("field 'precision' must be an integer from 0 to 15, got 16");
  }
}

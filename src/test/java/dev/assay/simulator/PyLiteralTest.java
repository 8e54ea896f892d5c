package dev.assay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java's repr of the literals the code-reasoning tasks use is CPython's, and parses back. */
class PyLiteralTest {
  static final List<Object> VALUES = List.of(0L, -17L, 123456789012L, true, false, "", "abc", "it's",
      "say \"hi\"", "both ' and \"", "back\\slash", "line\nbreak\ttab", List.of(), List.of(1L, -2L, 3L),
      List.of("a", List.of(true, 4L)));

  @Test
  void reprMatchesCPythonAndParsesBack(@TempDir Path dir) throws Exception {
    JsonArray literals = new JsonArray();
    for (Object v : VALUES) {
      String repr = PyLiteral.repr(v);
      literals.add(repr);
      assertThat(PyLiteral.parse(repr)).as(repr).contains(v);
    }
    String out = Python.run(dir, Python.PRELUDE + String.join("\n",
        "print(json.dumps([repr(ast.literal_eval(s)) == s for s in DATA]))", ""), literals.encode());
    List<Object> same = new ArrayList<>();
    VALUES.forEach(v -> same.add(true));
    assertThat(new JsonArray(out).getList()).as(out).isEqualTo(same);
  }

  @Test
  void nonLiteralsDoNotParse() {
    assertThat(PyLiteral.parse("x + 1")).isEmpty();
    assertThat(PyLiteral.parse("[1, 2")).isEmpty();
    assertThat(PyLiteral.parse("'open")).isEmpty();
    assertThat(PyLiteral.parse("-")).isEmpty();
    assertThat(PyLiteral.parse(" [1,2 ,3] ")).contains(List.of(1L, 2L, 3L));
    assertThat(PyLiteral.parse("\"dq\"")).contains("dq");
  }
}

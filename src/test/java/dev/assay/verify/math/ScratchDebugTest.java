package dev.assay.verify.math;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchDebugTest {
  @Test
  void debug() throws Exception {
    for (String l : Files.readAllLines(Path.of("/tmp/dbg.jsonl"))) {
      JsonObject c = new JsonObject(l);
      MathOptions o = MathEquivalenceCasesTest.optionsOf(c);
      Budget b = new Budget(5000);
      var g = Extractor.extract(c.getString("gold"), o.mode(), 0, b);
      var p = Extractor.extract(c.getString("pred"), o.mode(), 0, b);
      System.out.println("G " + g + "\nP " + p + "\n=> " + MathChecker.create().check(c.getString("gold"), c.getString("pred"), o));
    }
  }
}

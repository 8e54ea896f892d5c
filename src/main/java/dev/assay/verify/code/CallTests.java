package dev.assay.verify.code;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python tests of a call-based ({@code call}) task, one per case, run by the function
 * harness like any assert test. Each calls {@code fn_name} (a {@code Solution} method when the
 * starter code declares that class) with the case's arguments and compares what it returned, made
 * plain data by a JSON round trip (so a returned object cannot fake its equality), with the
 * expected value; as APPS's own checker does, a result also matches an expected value wrapped in
 * a one-element list. The arguments and the expected value reach the test as JSON text.
 */
final class CallTests {
  private CallTests() {}

  static List<String> of(CodeTask task) {
    String fn = task.raw().getString("fn_name");
    boolean method = task.raw().getString("starter_code", "").contains("class Solution");
    String target = method ? "Solution()." + fn : fn;
    List<String> out = new ArrayList<>();
    for (Object o : task.raw().getJsonArray("tests")) {
      JsonObject c = (JsonObject) o;
      Object in = c.getValue("input");
      JsonArray args = in instanceof JsonArray a ? a : new JsonArray().add(in);
      String want = Json.encode(c.getValue("output"));
      out.add("import json as _j\n"
          + "_got = _j.loads(_j.dumps(" + target + "(*_j.loads(" + Json.encode(args.encode()) + "))))\n"
          + "_want = _j.loads(" + Json.encode(want) + ")\n"
          + "assert _got == _want or (type(_want) is list and len(_want) == 1 and _got == _want[0]), "
          + "'expected %r, got %r' % (_want, _got)\n");
    }
    return out;
  }
}

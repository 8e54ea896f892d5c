package dev.assay.web;

import dev.assay.verify.VerdictReason;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code GET /api/samples?round=&domain=&verdict=&limit=&cursor=}: parsed and checked, naming the
 * bad parameter. {@code round} is a round id (database or job id), {@code cursor} the
 * {@code next_cursor} of the previous page.
 */
record SamplesQuery(String round, String domain, String verdict, int limit, long cursor) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;
  private static final Set<String> PARAMS = Set.of("round", "domain", "verdict", "limit", "cursor", "token");

  static SamplesQuery parse(MultiMap q) {
    for (String name : q.names()) {
      if (!PARAMS.contains(name)) {
        throw ApiError.field(name, "unknown parameter (known: round, domain, verdict, limit, cursor)");
      }
    }
    String round = blankToNull(q.get("round"));
    if (round != null && !round.matches("[0-9]{1,18}|q[0-9]{1,9}")) {
      throw ApiError.field("round", "must be a round id, got '" + round + "'");
    }
    String domain = orEmpty(q.get("domain"));
    if (!domain.isEmpty() && !domain.equals("math") && !domain.equals("code")) {
      throw ApiError.field("domain", "must be math or code, got '" + domain + "'");
    }
    String verdict = orEmpty(q.get("verdict"));
    if (!verdict.isEmpty() && Arrays.stream(VerdictReason.values()).noneMatch(v -> v.wire().equals(verdict))) {
      throw ApiError.field("verdict", "must be one of " + Arrays.stream(VerdictReason.values()).map(VerdictReason::wire).toList()
          + ", got '" + verdict + "'");
    }
    int limit = (int) number(q.get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    long cursor = number(q.get("cursor"), "cursor", 0, 0, Long.MAX_VALUE);
    return new SamplesQuery(round, domain, verdict, limit, cursor);
  }

  private static long number(String s, String field, long dflt, long min, long max) {
    if (s == null || s.isBlank()) {
      return dflt;
    }
    try {
      long v = Long.parseLong(s.trim());
      if (v < min || v > max) {
        throw ApiError.field(field, "must be in " + min + ".." + max + ", got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.field(field, "must be an integer, got '" + s + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s.trim();
  }

  static JsonObject toJson(dev.assay.store.SamplePage page) {
    JsonArray items = new JsonArray();
    for (dev.assay.store.SampleRow r : page.items()) {
      items.add(new JsonObject()
          .put("round_id", r.roundId()).put("run", r.run()).put("round", r.roundNo())
          .put("problem_id", r.problemId()).put("domain", r.domain()).put("idx", r.idx())
          .put("sample_id", r.sampleId()).put("kind", r.kind()).put("model", r.model()).put("completion_tokens", r.completionTokens())
          .put("verdict", r.verdict()).put("verdict_detail", r.verdictDetail()).put("kept", r.kept())
          .put("text", r.text()));
    }
    return new JsonObject().put("items", items)
        .put("next_cursor", page.nextCursor() == null ? null : String.valueOf(page.nextCursor()));
  }
}

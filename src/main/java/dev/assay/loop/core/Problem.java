package dev.assay.loop.core;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One problem a model is asked to solve.
 *
 * <p>The body holds what the domain needs. Math: {@code problem}, {@code answer}. Code: {@code
 * format} ({@code seed}, {@code humaneval} or {@code mbpp}) and that format's fields: seed {@code
 * prompt, tests[], entry_point, solution?}; HumanEval {@code prompt, test, entry_point}; MBPP
 * {@code text, test_list[], test_setup_code}.
 *
 * @param id content hash, stable across processes (so nothing is stored twice)
 * @param domain math or code
 * @param origin {@code seed} or {@code proposed}
 * @param parentId for a proposed problem the id of the seed it was proposed from, else ""
 * @param sourceId the id the problem has in its file ({@code math-001}, {@code HumanEval/3}), else ""
 * @param body the domain fields
 */
public record Problem(
    String id, Domain domain, String origin, String parentId, String sourceId, JsonObject body) {

  public Problem {
    parentId = parentId == null ? "" : parentId;
    sourceId = sourceId == null ? "" : sourceId;
  }

  /** A problem whose id is derived from its domain and body. */
  public static Problem of(Domain d, String origin, String parentId, String sourceId, JsonObject body) {
    return new Problem(hash(d.wire() + "\n" + canonical(body)), d, origin, parentId, sourceId, body);
  }

  /** The text the solver is shown. */
  public String statement() {
    if (domain == Domain.MATH) {
      return body.getString("problem", "");
    }
    return switch (body.getString("format", "seed")) {
      case "mbpp" -> {
        JsonArray tests = body.getJsonArray("test_list", new JsonArray());
        yield body.getString("text", "")
            + (tests.isEmpty() ? "" : "\nYour code should pass this test:\n" + tests.getString(0));
      }
      case "az" -> body.getString("statement", "");
      default -> body.getString("prompt", "");
    };
  }

  public String answer() {
    return body.getString("answer", "");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("domain", domain.wire())
        .put("origin", origin)
        .put("parent_id", parentId)
        .put("source_id", sourceId)
        .put("body", body);
  }

  public static Problem fromJson(JsonObject j) {
    return new Problem(
        j.getString("id"),
        Domain.parse(j.getString("domain")),
        j.getString("origin"),
        j.getString("parent_id", ""),
        j.getString("source_id", ""),
        j.getJsonObject("body"));
  }

  /** A short stable hex id of some text (SHA-256, first 16 hex digits). */
  public static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(JsonObject body) {
    // Field order must not change the id: encode with sorted keys.
    JsonObject sorted = new JsonObject(new java.util.TreeMap<>(body.getMap()));
    return sorted.encode();
  }
}

package dev.assay.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.AssayException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of a config file being read: typed getters that name the file and the field in
 * every error, and that remember which fields were read so unknown ones are reported.
 */
final class Node {
  private final Path file;
  private final String path;
  private final ObjectNode obj;
  private final Set<String> read = new HashSet<>();

  Node(Path file, String path, ObjectNode obj) {
    this.file = file;
    this.path = path;
    this.obj = obj;
  }

  AssayException error(String field, String message) {
    return AssayException.config(file + ": " + qualified(field) + ": " + message);
  }

  private String qualified(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private JsonNode get(String field) {
    read.add(field);
    JsonNode n = obj.get(field);
    return n == null || n.isNull() ? null : n;
  }

  boolean has(String field) {
    return get(field) != null;
  }

  Node section(String field) {
    JsonNode n = get(field);
    if (n == null) {
      return new Node(file, qualified(field), obj.objectNode());
    }
    if (!n.isObject()) {
      throw error(field, "must be a mapping, got " + kind(n));
    }
    return new Node(file, qualified(field), (ObjectNode) n);
  }

  String string(String field, String def) {
    JsonNode n = get(field);
    if (n == null) {
      return def;
    }
    if (!n.isValueNode()) {
      throw error(field, "must be a string, got " + kind(n));
    }
    String s = n.asText().trim();
    if (s.isEmpty()) {
      throw error(field, "must not be empty");
    }
    return s;
  }

  /**
   * The name of an environment variable (that holds a secret). A value that is no variable name,
   * or looks like a key or token itself, is refused without ever repeating it.
   */
  String envName(String field, String def) {
    String s = string(field, def);
    if (s != null && (!s.matches("[A-Za-z_][A-Za-z0-9_]{0,127}") || looksLikeSecret(s))) {
      throw error(field, "must name the environment variable that holds the secret, not the secret itself"
          + " (the value given looks like a key or is no variable name; it is not shown)");
    }
    return s;
  }

  private static boolean looksLikeSecret(String s) {
    boolean prefixed = s.length() >= 20
        && s.matches("(sk|pk|rk|hf|ghp|gho|ghs|ghu|glpat|github_pat|xox[abpr]|AKIA|ASIA|AIza)[_A-Za-z0-9].*");
    boolean random = s.length() >= 20 && s.matches(".*[a-z].*") && s.matches(".*[A-Z].*") && s.matches(".*[0-9].*");
    return prefixed || random || s.length() > 64;
  }

  String choice(String field, String def, String... allowed) {
    String s = string(field, def);
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    throw error(field, "must be one of " + String.join(", ", allowed) + ", got '" + s + "'");
  }

  boolean bool(String field, boolean def) {
    JsonNode n = get(field);
    if (n == null) {
      return def;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) {
      return Boolean.parseBoolean(n.asText());
    }
    throw error(field, "must be true or false, got " + kind(n));
  }

  long integer(String field, long def, long min, long max) {
    JsonNode n = get(field);
    if (n == null) {
      return def;
    }
    // Parsed as a BigInteger so a value beyond a long (18446744073709551620) is out of range, never wrapped.
    BigInteger v;
    if (n.isIntegralNumber()) {
      v = n.bigIntegerValue();
    } else if (n.isTextual() && n.asText().trim().matches("[-+]?\\d{1,400}")) {
      v = new BigInteger(n.asText().trim());
    } else {
      throw error(field, "must be an integer, got " + kind(n));
    }
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw error(field, "must be between " + min + " and " + max + ", got " + brief(v.toString()));
    }
    return v.longValueExact();
  }

  int integer(String field, int def, int min, int max) {
    return (int) integer(field, (long) def, min, max);
  }

  double number(String field, double def, double min, double max) {
    JsonNode n = get(field);
    if (n == null) {
      return def;
    }
    double v;
    if (n.isNumber()) {
      v = n.doubleValue();
    } else if (n.isTextual() && n.asText().trim().matches(DECIMAL)) {
      v = Double.parseDouble(n.asText().trim());
    } else {
      throw error(field, "must be a number, got " + kind(n));
    }
    if (!(v >= min && v <= max)) { // also refuses NaN and the infinities
      throw error(field, "must be between " + min + " and " + max + ", got " + brief(n.asText()));
    }
    return v;
  }

  List<String> strings(String field, List<String> def) {
    JsonNode n = get(field);
    if (n == null) {
      return def;
    }
    if (n.isValueNode()) {
      return List.of(n.asText());
    }
    if (!n.isArray()) {
      throw error(field, "must be a list of strings, got " + kind(n));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      if (!e.isValueNode() || e.asText().isBlank()) {
        throw error(field + "[" + i + "]", "must be a non-empty string, got " + kind(e));
      }
      out.add(e.asText().trim());
    }
    return out;
  }

  Map<String, Double> numbers(String field) {
    Node sub = section(field);
    Map<String, Double> out = new LinkedHashMap<>();
    for (Iterator<String> it = sub.obj.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      out.put(k, sub.number(k, 0, 0, 1e9));
    }
    return out;
  }

  /** The fields of this mapping, in file order. */
  List<String> fields() {
    List<String> out = new ArrayList<>();
    obj.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Where this mapping sits in the file, for errors: "file: path". */
  String where() {
    return file + ": " + path;
  }

  /** A field's value as plain JSON (maps, lists, strings, numbers), for sections read by their own code. */
  Object json(String field) {
    JsonNode n = get(field);
    return n == null ? null : new com.fasterxml.jackson.databind.ObjectMapper().convertValue(n, Object.class);
  }

  /** Fails naming the first field of this mapping that no getter asked for. */
  void rejectUnknown() {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!read.contains(k)) {
        throw error(k, "unknown field");
      }
    }
  }

  /** A plain decimal: no NaN, Infinity, hex floats or type suffixes (which Double.parseDouble would take). */
  private static final String DECIMAL = "[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d{1,4})?";

  private static String brief(String s) {
    return s.length() <= 40 ? s : s.substring(0, 20) + "...(" + s.length() + " characters)";
  }

  private static String kind(JsonNode n) {
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    return "'" + brief(n.asText()) + "'";
  }
}

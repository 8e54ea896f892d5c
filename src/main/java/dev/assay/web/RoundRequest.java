package dev.assay.web;

import dev.assay.config.AssayConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The overrides a round is launched with ({@code POST /api/rounds}): seed files, samples per
 * problem, model name; null means "as configured". Parsing names the offending field. Seed files
 * are taken only from the configured directories ({@code web.seed_dirs}), judged after resolving
 * symlinks, and no error repeats what such a file holds.
 */
record RoundRequest(List<Path> seeds, Integer samplesPerProblem, String model) {
  static final RoundRequest NONE = new RoundRequest(null, null, null);
  private static final Set<String> FIELDS = Set.of("seeds", "samples_per_problem", "model");

  /**
   * Parses a request body (null or empty = no overrides); throws {@link ApiError} (400) naming the
   * field. {@code seedDirs}: the directories seed files may be in.
   */
  static RoundRequest parse(List<Path> seedDirs, JsonObject body) {
    if (body == null || body.isEmpty()) {
      return NONE;
    }
    for (String f : body.fieldNames()) {
      if (!FIELDS.contains(f)) {
        throw ApiError.field(f, "unknown field (known: seeds, samples_per_problem, model)");
      }
    }
    return new RoundRequest(seeds(body.getValue("seeds"), seedDirs), samples(body.getValue("samples_per_problem")),
        model(body.getValue("model")));
  }

  private static List<Path> seeds(Object v, List<Path> seedDirs) {
    if (v == null) {
      return null;
    }
    List<Object> raw = v instanceof JsonArray a ? a.getList() : List.of(v);
    if (raw.isEmpty()) {
      throw ApiError.field("seeds", "must name at least one seed file");
    }
    List<Path> out = new ArrayList<>();
    for (Object o : raw) {
      if (!(o instanceof String s) || s.isBlank()) {
        throw ApiError.field("seeds", "must be a path or a list of paths");
      }
      out.add(seedFile(s, seedDirs));
    }
    return List.copyOf(out);
  }

  /**
   * A seed file inside one of {@code dirs}: by its normalised path (so nothing outside is even
   * probed), then by its real path (so a symlink cannot lead out).
   */
  private static Path seedFile(String s, List<Path> dirs) {
    Path p;
    try {
      p = Path.of(s).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw ApiError.field("seeds", "'" + brief(s) + "' is not a path");
    }
    List<Path> real = dirs.stream().map(RoundRequest::realOrSelf).toList();
    if (!inside(p, dirs) && !inside(p, real)) {
      throw outside(s);
    }
    Path r;
    try {
      r = p.toRealPath();
    } catch (IOException e) {
      throw ApiError.field("seeds", brief(s) + ": no such file");
    }
    if (!inside(r, real)) {
      throw outside(s);
    }
    if (!Files.isRegularFile(r)) {
      throw ApiError.field("seeds", brief(s) + ": not a regular file");
    }
    return r; // the file checked is the file loaded, whatever a symlink points to later
  }

  private static boolean inside(Path p, List<Path> dirs) {
    return dirs.stream().anyMatch(d -> p.startsWith(d) && !p.equals(d));
  }

  private static Path realOrSelf(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir;
    }
  }

  private static ApiError outside(String s) {
    return ApiError.field("seeds", brief(s) + ": not in a directory the daemon takes seed files from (web.seed_dirs)");
  }

  private static String brief(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /**
   * A failure message safe to show the client: a message about a seed file it named says where,
   * never what the file holds (the daemon's log has the full message).
   */
  String redact(String message) {
    if (seeds == null || message == null) {
      return message;
    }
    for (Path p : seeds) {
      String name = p.toString();
      if (message.startsWith(name + ":")) {
        String line = message.substring(name.length()).replaceFirst("(?s)^(:[0-9]+)?:.*$", "$1");
        return name + line + ": not a valid seed file (the daemon's log has the details)";
      }
    }
    return message;
  }

  private static Integer samples(Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1 || ((Number) v).longValue() > 1024) {
      throw ApiError.field("samples_per_problem", "must be an integer in 1..1024, got " + v);
    }
    return ((Number) v).intValue();
  }

  private static String model(Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
      throw ApiError.field("model", "must be a non-empty model name");
    }
    return s;
  }

  /** The overrides a stored round was opened with (its config JSON), for resuming it as it was. */
  static RoundRequest fromStoredConfig(JsonObject config) {
    JsonObject round = config.getJsonObject("round", new JsonObject());
    JsonArray seeds = round.getJsonArray("seeds");
    List<Path> paths = seeds == null || seeds.isEmpty() ? null
        : seeds.stream().map(o -> Path.of(String.valueOf(o))).toList();
    Integer n = round.getInteger("samples_per_problem");
    String model = config.getJsonObject("model", new JsonObject()).getString("name");
    return new RoundRequest(paths, n, model);
  }

  AssayConfig apply(AssayConfig cfg) {
    AssayConfig.Round r = cfg.round();
    AssayConfig out = cfg.withRound(r.with(seeds == null ? r.seeds() : seeds,
        samplesPerProblem == null ? r.samplesPerProblem() : samplesPerProblem));
    if (model != null) {
      out = out.withModel(cfg.model().withName(model));
    }
    return out;
  }

  JsonObject toJson() {
    JsonObject j = new JsonObject();
    if (seeds != null) {
      j.put("seeds", new JsonArray(seeds.stream().map(Path::toString).toList()));
    }
    if (samplesPerProblem != null) {
      j.put("samples_per_problem", samplesPerProblem);
    }
    if (model != null) {
      j.put("model", model);
    }
    return j;
  }
}

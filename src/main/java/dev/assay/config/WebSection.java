package dev.assay.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads {@code web:}: the daemon's address, token variable, mode and budgets, and what a browser
 * may do with it. {@code allowed_hosts} are extra names the Host header may carry (loopback names
 * are always allowed); {@code allowed_origins} extra origins that may send state-changing requests;
 * {@code seed_dirs} the directories the API takes seed files from (default: the directories of
 * {@code round.seeds}).
 */
final class WebSection {
  private static final String HOST = "(([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]+])";
  private static final String PORT = "(:[0-9]{1,5})?";

  private WebSection() {}

  static AssayConfig.Web read(Node n, Function<String, Path> resolve, AssayConfig.Round round) {
    String tokenEnv = n.envName("token_env", "ASSAY_API_TOKEN");
    var w =
        new AssayConfig.Web(
            n.string("host", "127.0.0.1"),
            n.integer("port", 8080, 0, 65535),
            tokenEnv,
            n.choice("mode", "on_request", "on_request", "continuous"),
            n.integer("target_kept", 0L, 0, Long.MAX_VALUE),
            n.integer("budget_tokens", 0L, 0, Long.MAX_VALUE),
            n.number("budget_hours", 0, 0, 1e6),
            matching(n, "allowed_hosts", HOST + PORT, "a host name, optionally with :port (e.g. assay.lan or assay.lan:8080)"),
            matching(n, "allowed_origins", "https?://" + HOST + PORT,
                "an origin: scheme://host[:port] without a path (e.g. http://assay.lan:8080)"),
            seedDirs(n, resolve, round));
    n.rejectUnknown();
    return w;
  }

  /** Lower-cased entries that must each match {@code form}; a trailing slash of an origin is dropped. */
  private static List<String> matching(Node n, String field, String form, String what) {
    List<String> raw = n.strings(field, List.of());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String s = raw.get(i).toLowerCase(Locale.ROOT).replaceFirst("/$", "");
      if (!s.matches(form)) {
        throw n.error(field + "[" + i + "]", "must be " + what + ", got '" + raw.get(i) + "'");
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  private static List<Path> seedDirs(Node n, Function<String, Path> resolve, AssayConfig.Round round) {
    if (!n.has("seed_dirs")) {
      // never the file system root: a seed file at / must not open every file to the API
      return round.seeds().stream().map(p -> p.toAbsolutePath().normalize().getParent())
          .filter(d -> d != null && d.getNameCount() > 0).distinct().toList();
    }
    List<String> raw = n.strings("seed_dirs", List.of());
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Path d = resolve.apply(raw.get(i)).toAbsolutePath().normalize();
      if (!Files.isDirectory(d)) {
        throw n.error("seed_dirs[" + i + "]", "no such directory: " + d);
      }
      out.add(d);
    }
    return List.copyOf(out);
  }
}

package dev.assay.web;

import dev.assay.config.AssayConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * What a web page must not do to the daemon, checked before any route runs (as Jupyter and
 * similar local servers do). The Host header must be a loopback name, the bound address or one of
 * {@code web.allowed_hosts} (against DNS rebinding); a state-changing request needs
 * {@code Content-Type: application/json} (a page cannot send it cross-site without a CORS
 * preflight, which this server never grants) and an Origin that is absent, this server's own or
 * one of {@code web.allowed_origins}; percent escapes in the path and query must be well formed.
 * The Host and escapes are checked for every request ({@link #check}), Origin and Content-Type
 * first thing on every state-changing route ({@link #stateChange}). Refusals are 403, 415 or 400
 * JSON errors; nothing behind them runs.
 */
final class Guard {
  static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
  private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.DELETE);
  private final String bound;
  private final List<String> hosts;
  private final List<String> origins;
  private final IntSupplier port;

  /** {@code port}: the port actually bound (known once listening). */
  Guard(AssayConfig.Web web, IntSupplier port) {
    String h = web.host().toLowerCase(Locale.ROOT);
    this.bound = h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    this.hosts = web.allowedHosts();
    this.origins = web.allowedOrigins();
    this.port = port;
  }

  void check(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String host = host(req);
    if (!hostAllowed(host)) {
      ctx.fail(ApiError.refused(403, "Host " + (host == null ? "header missing" : "'" + brief(host) + "' is not allowed")
          + ": use localhost or 127.0.0.1, or add the name to web.allowed_hosts"));
      return;
    }
    ApiError bad = Escapes.check(req.path(), req.query());
    if (bad != null) {
      ctx.fail(bad);
      return;
    }
    ctx.next();
  }

  static boolean changesState(HttpMethod m) {
    return STATE_CHANGING.contains(m);
  }

  /** The first handler of every state-changing route: Origin absent or allowed, then a JSON body. */
  void stateChange(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String origin = req.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && !originAllowed(origin, host(req))) {
      ctx.fail(ApiError.refused(403, "Origin '" + brief(origin) + "' may not change state here: requests must come"
          + " from this server's own pages, a client that sends no Origin, or an origin in web.allowed_origins"));
      return;
    }
    String type = req.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
      ctx.fail(ApiError.refused(415, req.method() + " needs Content-Type: application/json"
          + (type == null ? "" : ", got '" + brief(type) + "'")));
      return;
    }
    ctx.next();
  }

  /** The Host header (HTTP/1.x) or the {@code :authority} (HTTP/2, e.g. after an h2c upgrade); null when absent. */
  private static String host(HttpServerRequest req) {
    String h = req.getHeader(HttpHeaders.HOST);
    if (h != null || req.version() != HttpVersion.HTTP_2) {
      return h;
    }
    HostAndPort a = req.authority();
    if (a == null) {
      return null;
    }
    String name = a.host().contains(":") && !a.host().startsWith("[") ? "[" + a.host() + "]" : a.host();
    return a.port() >= 0 ? name + ":" + a.port() : name;
  }

  boolean hostAllowed(String header) {
    if (header == null) {
      return false;
    }
    String h = header.trim().toLowerCase(Locale.ROOT);
    String name = nameOf(h);
    if (name == null) {
      return false;
    }
    return LOOPBACK.contains(name) || name.equals(bound) && !wildcard(bound) || hosts.contains(name) || hosts.contains(h);
  }

  private boolean originAllowed(String origin, String host) {
    String o = origin.trim().toLowerCase(Locale.ROOT).replaceFirst("/$", "");
    if (origins.contains(o)) {
      return true;
    }
    URI u;
    try {
      u = new URI(o);
    } catch (URISyntaxException e) {
      return false; // includes "null", sent by sandboxed frames, file: pages and some redirects
    }
    if (!"http".equals(u.getScheme()) || u.getHost() == null || u.getRawPath() != null && !u.getRawPath().isEmpty()) {
      return false;
    }
    int p = u.getPort() == -1 ? 80 : u.getPort();
    String self = u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    return LOOPBACK.contains(u.getHost()) && p == port.getAsInt() || self.equals(host.trim().toLowerCase(Locale.ROOT));
  }

  /** The host name of a Host header value ({@code name}, {@code name:port}, {@code [v6]:port}); null when malformed. */
  private static String nameOf(String h) {
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 && h.substring(end + 1).matches("(:[0-9]{1,5})?") ? h.substring(0, end + 1) : null;
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return (colon < 0 || h.substring(colon).matches(":[0-9]{1,5}")) && name.matches("[a-z0-9.-]+") ? name : null;
  }

  private static boolean wildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("[::]") || host.equals("[0:0:0:0:0:0:0:0]");
  }

  static String brief(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }
}

package dev.assay.web;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's static files, read once from the classpath: our page under {@code web/} and the
 * Chart.js bundle from its WebJar (no CDN: the machine may be offline).
 */
public final class Assets {
  private static final Map<String, Buffer> CACHE = new ConcurrentHashMap<>();
  private static final String CHART_JS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private Assets() {}

  /** The classpath path of Chart.js's UMD bundle in its WebJar. */
  public static String chartJsPath() {
    Properties p = new Properties();
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(CHART_JS_POM)) {
      if (in == null) {
        throw new AssayException(ErrorKind.INTERNAL, "the Chart.js WebJar is not on the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new AssayException(ErrorKind.INTERNAL, "cannot read " + CHART_JS_POM + ": " + e.getMessage(), e);
    }
    return "META-INF/resources/webjars/chart.js/" + p.getProperty("version") + "/dist/chart.umd.js";
  }

  /** A classpath resource as text (UTF-8); fails INTERNAL when it is missing. */
  public static String text(String path) {
    return load(path).toString();
  }

  static void chartJs(RoutingContext ctx) {
    serve(ctx, chartJsPath());
  }

  static void serve(RoutingContext ctx, String path) {
    ctx.response().putHeader("Content-Type", type(path)).putHeader("Cache-Control", "no-cache").end(load(path));
  }

  private static Buffer load(String path) {
    return CACHE.computeIfAbsent(path, p -> {
      try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(p)) {
        if (in == null) {
          throw new AssayException(ErrorKind.INTERNAL, "missing resource " + p);
        }
        return Buffer.buffer(in.readAllBytes());
      } catch (IOException e) {
        throw new AssayException(ErrorKind.INTERNAL, "cannot read resource " + p + ": " + e.getMessage(), e);
      }
    });
  }

  private static String type(String path) {
    return path.endsWith(".html") ? "text/html; charset=utf-8"
        : path.endsWith(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream";
  }
}

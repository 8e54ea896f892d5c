package dev.assay.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends a request exactly as written (any Host, Origin, Content-Type, malformed escapes: what a
 * browser or an attacker sends, which ordinary clients refuse to) over a Vert.x socket, and reads
 * the response until the server closes the connection.
 */
final class RawHttp {
  record Response(int status, Map<String, String> headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  /** {@code head}: request line and headers, without Content-Length or Connection (added here). */
  static Future<Response> send(Vertx vertx, int port, String head, String body) {
    String b = body == null ? "" : body;
    String req = head.strip().replace("\n", "\r\n") + "\r\nContent-Length: " + b.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        + "\r\nConnection: close\r\n\r\n" + b;
    Promise<Response> p = Promise.promise();
    Buffer got = Buffer.buffer();
    // One client per request, closed when the request is done: that also keeps it referenced
    // meanwhile (Vert.x closes an unreferenced client, and its sockets, when it is collected).
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5_000));
    client.connect(port, "127.0.0.1").onSuccess(so -> {
      so.handler(got::appendBuffer);
      so.closeHandler(v -> {
        try {
          p.tryComplete(parse(got.toString()));
        } catch (RuntimeException e) {
          p.tryFail(e);
        }
      });
      so.exceptionHandler(p::tryFail);
      so.write(req);
    }).onFailure(p::tryFail);
    return p.future().timeout(30, java.util.concurrent.TimeUnit.SECONDS).eventually(client::close);
  }

  private static Response parse(String raw) {
    int cut = raw.indexOf("\r\n\r\n");
    if (cut < 0) {
      throw new IllegalStateException("no HTTP response: '" + raw + "'");
    }
    String[] lines = raw.substring(0, cut).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
    }
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(cut + 4));
  }
}

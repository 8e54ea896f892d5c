package dev.assay.sandbox.docker;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner protocol's framing: a 4-byte big-endian length, then that many bytes of UTF-8 JSON.
 * {@link #feed} accepts the attached stream's chunks as they come (a frame may span chunks, a
 * chunk may hold several frames) and returns every frame it completes. Not thread-safe.
 */
final class FrameCodec {
  /** A reply larger than this is a broken runner, not a big output (outputs are capped). */
  static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  static byte[] encode(JsonObject message) {
    byte[] body = message.encode().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  /**
   * Appends a chunk and returns the frames it completes, in order.
   *
   * @throws IllegalStateException when a length prefix is negative or absurd (stream corrupt)
   */
  List<JsonObject> feed(byte[] chunk) {
    pending.write(chunk, 0, chunk.length);
    byte[] all = pending.toByteArray();
    List<JsonObject> out = new ArrayList<>();
    int at = 0;
    while (all.length - at >= 4) {
      int len = ByteBuffer.wrap(all, at, 4).getInt();
      if (len < 0 || len > MAX_FRAME_BYTES) {
        throw new IllegalStateException("corrupt frame length " + len);
      }
      if (all.length - at - 4 < len) {
        break;
      }
      out.add(new JsonObject(new String(all, at + 4, len, StandardCharsets.UTF_8)));
      at += 4 + len;
    }
    pending.reset();
    pending.write(all, at, all.length - at);
    return out;
  }

  /** Bytes received that do not yet form a whole frame. */
  int pendingBytes() {
    return pending.size();
  }
}

package dev.assay.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  @Test
  void framesSplitAcrossChunksAndPackedTogetherAreAllDecodedInOrder() {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int i = 0; i < 5; i++) {
      wire.writeBytes(FrameCodec.encode(new JsonObject().put("id", i).put("text", "é→" + "x".repeat(i * 100))));
    }
    byte[] all = wire.toByteArray();
    FrameCodec codec = new FrameCodec();
    List<JsonObject> got = new ArrayList<>();
    for (int at = 0; at < all.length; at += 7) { // 7-byte chunks cut lengths and UTF-8 alike
      got.addAll(codec.feed(Arrays.copyOfRange(all, at, Math.min(all.length, at + 7))));
    }
    assertThat(got).extracting(j -> j.getInteger("id")).containsExactly(0, 1, 2, 3, 4);
    assertThat(got.get(4).getString("text")).isEqualTo("é→" + "x".repeat(400));
    assertThat(codec.pendingBytes()).isZero();
  }

  @Test
  void anIncompleteFrameWaitsForTheRest() {
    byte[] frame = FrameCodec.encode(new JsonObject().put("ready", true));
    FrameCodec codec = new FrameCodec();
    assertThat(codec.feed(Arrays.copyOf(frame, frame.length - 1))).isEmpty();
    assertThat(codec.feed(new byte[] {frame[frame.length - 1]}))
        .singleElement().satisfies(j -> assertThat(j.getBoolean("ready")).isTrue());
  }

  @Test
  void anAbsurdLengthIsACorruptStream() {
    byte[] bad = ByteBuffer.allocate(4).putInt(-5).array();
    assertThatThrownBy(() -> new FrameCodec().feed(bad)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void stdinPipeDeliversFramesWrittenFromAnotherThreadAndEndsOnClose() throws Exception {
    StdinPipe pipe = new StdinPipe();
    Thread writer = new Thread(() -> pipe.send(new byte[] {1, 2, 3}));
    writer.start();
    writer.join(); // the writer thread is gone; a PipedInputStream would now fail
    byte[] buf = new byte[8];
    assertThat(pipe.read(buf, 0, 8)).isEqualTo(3);
    pipe.close();
    assertThat(pipe.read(buf, 0, 8)).isEqualTo(-1);
    assertThatThrownBy(() -> pipe.send(new byte[] {4})).isInstanceOf(IllegalStateException.class);
  }
}

package dev.assay.sandbox.java;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One run's stdout or stderr: keeps at most {@code cap} bytes, tells the run when more was
 * written, and drops everything once frozen (after System.exit or the end of the run), so a
 * leftover thread can never write into a later run's output.
 */
final class CappedSink extends OutputStream {
  private final int cap;
  private final Runnable onOverflow;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private boolean overflow;
  private boolean frozen;

  CappedSink(int cap, Runnable onOverflow) {
    this.cap = Math.max(0, cap);
    this.onOverflow = onOverflow;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    boolean tellOverflow = false;
    synchronized (this) {
      if (frozen || len <= 0) {
        return;
      }
      int room = cap - buf.size();
      if (len > room) {
        buf.write(b, off, Math.max(0, room));
        overflow = true;
        frozen = true;
        tellOverflow = true;
      } else {
        buf.write(b, off, len);
      }
    }
    if (tellOverflow) {
      onOverflow.run();
    }
  }

  synchronized void freeze() {
    frozen = true;
  }

  synchronized boolean overflowed() {
    return overflow;
  }

  synchronized String text() {
    return new String(buf.toByteArray(), StandardCharsets.UTF_8);
  }
}

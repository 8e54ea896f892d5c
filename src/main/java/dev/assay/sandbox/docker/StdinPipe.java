package dev.assay.sandbox.docker;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The runner's stdin as docker-java's hijacked attach reads it: writers {@link #send} whole
 * frames from any thread, the transport's copy thread blocks in {@link #read}. Unlike
 * {@code PipedInputStream} it does not break when a writer thread ends.
 */
final class StdinPipe extends InputStream {
  private static final byte[] EOF = new byte[0];
  private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private byte[] current = new byte[0];
  private int pos;
  private volatile boolean closed;

  void send(byte[] bytes) {
    if (closed) {
      throw new IllegalStateException("runner stdin closed");
    }
    chunks.add(bytes.clone());
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    while (pos >= current.length) {
      if (current == EOF) {
        return -1;
      }
      try {
        byte[] next = chunks.poll(1, TimeUnit.SECONDS);
        if (next != null) {
          current = next;
          pos = 0;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return current.length - pos;
  }

  /** Ends the stream: the runner reads EOF and exits. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      chunks.add(EOF);
    }
  }
}

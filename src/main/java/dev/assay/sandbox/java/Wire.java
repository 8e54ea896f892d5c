package dev.assay.sandbox.java;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framed protocol between the daemon and a warm Java runner, spoken over the runner's
 * stdin/stdout pipes. Plain length-prefixed fields so the runner needs no JSON library.
 * Candidate code cannot reach these pipes: it has no permission to open FileDescriptor.in/out.
 */
final class Wire {
  /** Written once by the runner when it has warmed up and is ready for requests. */
  static final int READY = 0x4A42_5259;
  /** Starts every response, so a stray write to the pipe is detected rather than misread. */
  static final int RESPONSE = 0x4A42_5250;

  private Wire() {}

  /** Response flag: the runner could not run the program (its own failure). */
  static final int RUNNER_ERROR = 1;
  /** Response flag: output went over the cap; the run was stopped. */
  static final int OUTPUT_LIMIT = 2;
  /** Response flag: the heap limit was reached (an uncaught OutOfMemoryError). */
  static final int MEMORY = 4;
  /** Response flag: the candidate's threads used more CPU time than the limit. */
  static final int CPU_LIMIT = 8;
  /** Response flag: the wall-clock backstop stopped the run. */
  static final int WALL_LIMIT = 16;
  /** Response flag: the program did not compile. */
  static final int COMPILE_ERROR = 32;
  /** Response flag (with WALL_LIMIT): only waiting for a CPU brought the run to its wall limit. */
  static final int STARVED = 64;

  /**
   * One program to compile and run.
   *
   * @param timeoutMs CPU-time limit of the candidate's threads
   * @param wallLimitMs wall-clock backstop
   * @param cpus CPU-seconds per second the runner can get (its quota), for polling
   */
  record Request(
      long id,
      String source,
      Map<String, String> files,
      String stdin,
      long timeoutMs,
      long wallLimitMs,
      double cpus,
      int outputCapBytes) {}

  /**
   * How one run ended, as seen inside the runner: what it showed as flags (the host classifies
   * them, as for every backend) and a note for the detail.
   */
  record Response(
      long id,
      int flags,
      int exitCode,
      String stdout,
      String stderr,
      boolean truncated,
      long wallMs,
      long cpuMs,
      long compileMs,
      String compiler,
      String detail,
      boolean dirty) {}

  static void write(DataOutputStream out, Request r) throws IOException {
    out.writeLong(r.id());
    str(out, r.source());
    out.writeInt(r.files().size());
    for (Map.Entry<String, String> e : r.files().entrySet()) {
      str(out, e.getKey());
      str(out, e.getValue());
    }
    str(out, r.stdin());
    out.writeLong(r.timeoutMs());
    out.writeLong(r.wallLimitMs());
    out.writeDouble(r.cpus());
    out.writeInt(r.outputCapBytes());
    out.flush();
  }

  static Request readRequest(DataInputStream in) throws IOException {
    long id = in.readLong();
    String source = str(in);
    int n = in.readInt();
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      files.put(str(in), str(in));
    }
    return new Request(id, source, files, str(in), in.readLong(), in.readLong(), in.readDouble(),
        in.readInt());
  }

  static void write(DataOutputStream out, Response r) throws IOException {
    out.writeInt(RESPONSE);
    out.writeLong(r.id());
    out.writeInt(r.flags());
    out.writeInt(r.exitCode());
    str(out, r.stdout());
    str(out, r.stderr());
    out.writeBoolean(r.truncated());
    out.writeLong(r.wallMs());
    out.writeLong(r.cpuMs());
    out.writeLong(r.compileMs());
    str(out, r.compiler());
    str(out, r.detail());
    out.writeBoolean(r.dirty());
    out.flush();
  }

  static Response readResponse(DataInputStream in) throws IOException {
    int magic = in.readInt();
    if (magic != RESPONSE) {
      throw new IOException("corrupt response frame " + Integer.toHexString(magic));
    }
    return new Response(
        in.readLong(), in.readInt(), in.readInt(), str(in), str(in), in.readBoolean(),
        in.readLong(), in.readLong(), in.readLong(), str(in), str(in), in.readBoolean());
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String str(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 256 * 1024 * 1024) {
      throw new IOException("bad frame length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}

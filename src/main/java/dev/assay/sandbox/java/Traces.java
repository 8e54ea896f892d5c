package dev.assay.sandbox.java;

import java.io.PrintStream;
import java.util.Arrays;

/** Prints an uncaught exception the way the java launcher does, without the runner's frames. */
final class Traces {
  private Traces() {}

  static void printUncaught(
      String thread, Throwable e, PrintStream err, String hiddenPackage) {
    try {
      StackTraceElement[] st = e.getStackTrace();
      int keep = st.length;
      for (int i = 0; i < st.length; i++) {
        String c = st[i].getClassName();
        if (c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
            || c.startsWith("dev.assay.sandbox.java.")) {
          keep = i;
          break;
        }
      }
      e.setStackTrace(Arrays.copyOf(st, keep));
      java.io.StringWriter text = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(text));
      String trace = hiddenPackage == null ? text.toString()
          : text.toString().replace(hiddenPackage + ".", "");
      err.print("Exception in thread \"" + thread + "\" " + trace);
      err.flush();
    } catch (Throwable ignored) {
      // printing must never take the runner down (e.g. another OutOfMemoryError)
    }
  }
}

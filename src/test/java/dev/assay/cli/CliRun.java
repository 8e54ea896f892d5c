package dev.assay.cli;

import dev.assay.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@code assay ARGS} in-process through picocli and captures its exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {

  static synchronized CliRun of(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  List<String> outLines() {
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }
}

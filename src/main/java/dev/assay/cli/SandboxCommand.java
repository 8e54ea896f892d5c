package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.Sandboxes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay sandbox run}: runs one program in the sandbox and prints the result JSON. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "Use the sandbox directly.",
    subcommands = {SandboxCommand.Run.class})
final class SandboxCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /**
   * The UTF-8 text of a file the user named.
   *
   * @throws AssayException INVALID_INPUT naming the file when it is missing, unreadable, or binary
   */
  static String text(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw AssayException.invalid(file + ": no such " + what);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw AssayException.invalid(file + ": cannot read the " + what + ": " + e.getMessage());
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw AssayException.invalid(file + ": the " + what + " is binary, not text");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw AssayException.invalid(file + ": the " + what + " is not UTF-8 text");
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run one program; print status, exit code, output, time.")
  static final class Run implements Callable<Integer> {
    @Parameters(index = "0", description = "Program file") Path file;

    @Option(names = "--lang", description = "python or java (default: python)") String lang = "python";

    @Option(names = "--backend", description = "process, docker or java (default: process; java for --lang java)") String backend;

    @Option(names = "--isolation", description = "auto, bwrap, unshare or none (default: auto)") String isolation = "auto";

    @Option(names = "--timeout-ms", description = "Wall-time limit (default: ${DEFAULT-VALUE})") long timeoutMs = 5000;

    @Option(names = "--memory-mb", description = "Memory limit (default: ${DEFAULT-VALUE})") int memoryMb = 256;

    @Option(names = "--stdin", description = "File fed to the program's standard input") Path stdin;

    @Option(names = "--verbose") boolean verbose;

    @Override
    public Integer call() {
      Language language;
      try {
        language = Language.parse(lang);
      } catch (IllegalArgumentException e) {
        throw AssayException.invalid("--lang must be python or java, got '" + lang + "'");
      }
      if (timeoutMs <= 0 || memoryMb <= 0) {
        throw AssayException.invalid((timeoutMs <= 0 ? "--timeout-ms" : "--memory-mb") + " must be positive");
      }
      String program = text(file, "program file");
      String input = stdin == null ? "" : text(stdin, "--stdin file");
      String b = backend != null ? backend : language == Language.JAVA ? "java" : "process";
      SandboxOptions d = SandboxOptions.defaults();
      SandboxOptions o = d.withBackend(b, isolation).withWarm(false).withPool(1, d.maxQueue(), d.recycleAfter())
          .withLimits(timeoutMs, memoryMb);
      SandboxSpec spec = new SandboxSpec(language, program, Map.of(), input, timeoutMs, memoryMb, o.outputCapBytes());
      try (Cli cli = Cli.start()) {
        Sandbox sandbox = Sandboxes.create(cli.vertx, o);
        try {
          SandboxResult r = cli.await(sandbox.run(spec));
          System.out.println(r.toJson().put("sandbox", sandbox.describe()).encode());
          return r.ok() ? ExitCodes.OK : ExitCodes.NOT_ALL_PASSED;
        } finally {
          cli.await(sandbox.close());
        }
      }
    }
  }
}

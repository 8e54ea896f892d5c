package dev.assay.sandbox.process;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds pyrunner.py and copies it into the sandbox's private temp dir (which is what gets bound
 * read-only into the sandbox). Looked up in order: system property {@code assay.runners.dir},
 * the classpath resource {@code /sandbox/runners/pyrunner.py}, then
 * {@code sandbox/runners/pyrunner.py} under the working directory (the repository root).
 */
final class RunnerScript {
  static final String NAME = "pyrunner.py";

  private RunnerScript() {}

  static Path install(Path tempDir) {
    Path target = tempDir.resolve(NAME);
    try {
      return readable(find(target));
    } catch (IOException e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "cannot install " + NAME, e);
    }
  }

  private static Path readable(Path p) throws IOException {
    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
        "rw-r--r--"));
    return p;
  }

  private static Path find(Path target) throws IOException {
    String dir = System.getProperty("assay.runners.dir");
    if (dir != null && Files.isRegularFile(Path.of(dir, NAME))) {
      return copy(Path.of(dir, NAME), target);
    }
    try (InputStream in = RunnerScript.class.getResourceAsStream("/sandbox/runners/" + NAME)) {
      if (in != null) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
      }
    }
    Path repo = Path.of("sandbox", "runners", NAME);
    if (Files.isRegularFile(repo)) {
      return copy(repo, target);
    }
    throw new AssayException(ErrorKind.SANDBOX_INFRA, NAME + " not found (set -Dassay.runners.dir"
        + " or run from the repository root)");
  }

  private static Path copy(Path from, Path to) throws IOException {
    return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }
}

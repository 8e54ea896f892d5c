package dev.assay.sandbox.process;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Finds the runners (pyrunner.py and programs.py, which it loads for compiled languages and test
 * plans) and copies them into a {@code runner} dir of the sandbox's private temp dir, which is
 * what gets bound read-only into the sandbox. Each is looked up in order: system property
 * {@code assay.runners.dir}, the classpath resource {@code /sandbox/runners/<name>}, then
 * {@code sandbox/runners/<name>} under the working directory (the repository root).
 */
final class RunnerScript {
  static final String NAME = "pyrunner.py";
  static final List<String> FILES = List.of(NAME, "programs.py");

  private RunnerScript() {}

  /** Installs the runners; returns the path of pyrunner.py (its dir holds the rest). */
  static Path install(Path tempDir) {
    try {
      Path dir = Files.createDirectories(tempDir.resolve("runner"));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (String name : FILES) {
        Path target = dir.resolve(name);
        find(name, target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
      }
      return dir.resolve(NAME);
    } catch (IOException e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "cannot install the sandbox runners", e);
    }
  }

  private static void find(String name, Path target) throws IOException {
    String dir = System.getProperty("assay.runners.dir");
    if (dir != null && Files.isRegularFile(Path.of(dir, name))) {
      Files.copy(Path.of(dir, name), target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (InputStream in = RunnerScript.class.getResourceAsStream("/sandbox/runners/" + name)) {
      if (in != null) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        return;
      }
    }
    Path repo = Path.of("sandbox", "runners", name);
    if (Files.isRegularFile(repo)) {
      Files.copy(repo, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    throw new AssayException(ErrorKind.SANDBOX_INFRA, name + " not found (set -Dassay.runners.dir"
        + " or run from the repository root)");
  }
}

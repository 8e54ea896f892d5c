package dev.assay.config;

import dev.assay.AssayException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks, before any work starts, that outputs can be written: a command that would fail only
 * after a whole round has run fails at start instead, with one line naming the path and the
 * option or field. Nothing is created: the nearest existing directory is probed with a temp file
 * that is removed at once.
 */
public final class Outputs {
  /** The files a round writes into its output directory. */
  private static final List<String> ROUND_FILES = List.of("samples.jsonl", "report.json");

  private Outputs() {}

  /** {@code run.out} (or {@code --out}) of a round: a writable directory, or one that can be made. */
  public static void checkRound(AssayConfig cfg) {
    Path out = cfg.run().out();
    directory(out, "--out (run.out)");
    for (String f : ROUND_FILES) {
      if (Files.isDirectory(out.resolve(f))) {
        throw AssayException.invalid(out.resolve(f) + ": is a directory, where the round writes its " + f);
      }
    }
  }

  /** A directory that exists and is writable, or can be created and written. */
  public static void directory(Path dir, String what) {
    Path d = dir.toAbsolutePath().normalize();
    if (Files.exists(d) && !Files.isDirectory(d)) {
      throw AssayException.invalid(dir + ": " + what + " must be a directory, but it is a file");
    }
    writableAt(dir, d, what);
  }

  /** A regular file that can be (re)written, or a path where one can be created. */
  public static void file(Path file, String what) {
    Path f = file.toAbsolutePath().normalize();
    if (Files.isDirectory(f)) {
      throw AssayException.invalid(file + ": " + what + " must be a file, but it is a directory");
    }
    if (Files.exists(f) && !Files.isRegularFile(f)) {
      throw AssayException.invalid(file + ": " + what + " must be a regular file");
    }
    if (Files.exists(f) && !Files.isWritable(f)) {
      throw AssayException.invalid(file + ": " + what + " is not writable");
    }
    if (f.getParent() != null) {
      writableAt(file, f.getParent(), what);
    }
  }

  /** Probes the nearest existing directory of {@code d} with a temp file; errors name {@code shown}. */
  private static void writableAt(Path shown, Path d, String what) {
    Path existing = d;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw AssayException.invalid(shown + ": " + what + " cannot be created: " + existing + " is not a directory");
    }
    try {
      Files.delete(Files.createTempFile(existing, ".assay-write-check-", ".tmp"));
    } catch (IOException e) {
      String why = e instanceof AccessDeniedException ? "permission denied"
          : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
          : e instanceof NoSuchFileException ? "no such file or directory" : "input/output error";
      throw AssayException.invalid(shown + ": " + what + " cannot be written: no file can be created in " + existing
          + " (" + why + ")");
    }
  }
}

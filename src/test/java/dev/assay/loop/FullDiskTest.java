package dev.assay.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database on a full disk (a 3 MB tmpfs): the round stops with exit 3 and one line "no space
 * left on <path>", no stack trace; with space again the same command resumes and finishes the round.
 * Needs permission to mount a tmpfs (root in CI); skipped, saying so, without it.
 */
@Tag("e2e")
class FullDiskTest {

  @Test
  void aFullDiskIsExitThreeNamingThePlaceAndARerunWithSpaceResumes() throws Exception {
    Path dir = Files.createTempDirectory("assay-full");
    Path disk = Files.createDirectories(dir.resolve("disk"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    boolean mounted = mount.waitFor(20, TimeUnit.SECONDS) && mount.exitValue() == 0;
    Assumptions.assumeTrue(mounted, "skipped: cannot mount a tmpfs here (needs root): "
        + new String(mount.getInputStream().readAllBytes()).strip());
    try {
      Path log = dir.resolve("log.txt");
      Process full = AssayProcess.start(log, "round", "--config", dev.assay.TestConfigs.quickDemo(dir).toString(), "--db", disk.resolve("a.db").toString(),
          "--out", dir.resolve("out").toString());
      assertThat(full.waitFor(5, TimeUnit.MINUTES)).isTrue();
      String out = Files.readString(log);
      assertThat(full.exitValue()).as(out).isEqualTo(3);
      assertThat(out).contains("assay: error (unexpected_state): no space left on " + disk.resolve("a.db").toAbsolutePath());
      assertThat(out).doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at [a-z]");
      assertThat(Files.exists(dir.resolve("out").resolve("samples.jsonl"))).isFalse();

      Process grow = new ProcessBuilder("mount", "-o", "remount,size=256m", disk.toString()).start();
      assertThat(grow.waitFor(20, TimeUnit.SECONDS) && grow.exitValue() == 0).isTrue();
      Process again = AssayProcess.start(log, "round", "--config", dev.assay.TestConfigs.quickDemo(dir).toString(), "--db",
          disk.resolve("a.db").toString(), "--out", dir.resolve("out").toString());
      assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(again.exitValue()).as(Files.readString(log)).isZero();
      assertThat(AssayProcess.count(disk.resolve("a.db"), "SELECT COUNT(*) FROM rounds")).isEqualTo(1);
      assertThat(AssayProcess.count(disk.resolve("a.db"), "SELECT COUNT(*) FROM rounds WHERE state='done'")).isEqualTo(1);
      assertThat(Files.exists(dir.resolve("out").resolve("samples.jsonl"))).isTrue();
    } finally {
      new ProcessBuilder("umount", disk.toString()).start().waitFor(20, TimeUnit.SECONDS);
      StageHarness.delete(dir);
    }
  }
}

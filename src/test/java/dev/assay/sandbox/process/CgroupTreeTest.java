package dev.assay.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Trees of daemons that died without cleaning up are removed; live owners' trees are kept. */
class CgroupTreeTest {

  @Test
  void treesOfDeadOwnersAreReapedAndLiveOnesKept() throws Exception {
    String dead = "stale" + Long.toHexString(System.nanoTime());
    String live = "live" + Long.toHexString(System.nanoTime());
    Process gone = new ProcessBuilder("/bin/true").start();
    gone.waitFor();
    Path deadMem = Path.of("/sys/fs/cgroup/memory/assay-" + dead + "/slot-0");
    Path deadPids = Path.of("/sys/fs/cgroup/pids/assay-" + dead + "/slot-0");
    Path liveMem = Path.of("/sys/fs/cgroup/memory/assay-" + live + "/slot-0");
    try {
      Files.createDirectories(deadMem);
      Files.createDirectories(deadPids);
      Files.createDirectories(liveMem);
      Files.createDirectories(CgroupTree.REGISTRY);
      Files.writeString(CgroupTree.REGISTRY.resolve(dead), gone.pid() + " 2020-01-01T00:00:00Z");
      ProcessHandle me = ProcessHandle.current();
      Files.writeString(CgroupTree.REGISTRY.resolve(live),
          me.pid() + " " + me.info().startInstant().orElseThrow());

      CgroupTree.reapStale();

      assertThat(deadMem.getParent()).doesNotExist();
      assertThat(deadPids.getParent()).doesNotExist();
      assertThat(CgroupTree.REGISTRY.resolve(dead)).doesNotExist();
      assertThat(liveMem).exists();
      assertThat(CgroupTree.REGISTRY.resolve(live)).exists();
    } finally {
      Files.deleteIfExists(CgroupTree.REGISTRY.resolve(live));
      Files.deleteIfExists(liveMem);
      Files.deleteIfExists(liveMem.getParent());
      Files.deleteIfExists(deadMem);
      Files.deleteIfExists(deadMem.getParent());
      Files.deleteIfExists(deadPids);
      Files.deleteIfExists(deadPids.getParent());
    }
  }
}

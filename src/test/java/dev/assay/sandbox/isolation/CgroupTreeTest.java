package dev.assay.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The one cgroup tree: stale trees are found by their registry entry (owner pid and start time),
 * never by a pid in a directory name, so a dead owner's tree is reaped, a live owner's is kept,
 * and a pid reused by another process does not keep a stale tree alive.
 */
class CgroupTreeTest {
  private static final Path MEMORY = Path.of("/sys/fs/cgroup/memory");

  private static void assumeCgroups() {
    assumeTrue(Files.isWritable(MEMORY), "needs a writable cgroup v1 memory controller");
  }

  @Test
  void treesOfDeadOwnersAreReapedAndLiveOnesKept() throws Exception {
    assumeCgroups();
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
      for (Path p : new Path[] {liveMem, deadMem, deadPids}) {
        Files.deleteIfExists(p);
        Files.deleteIfExists(p.getParent());
      }
    }
  }

  @Test
  void aReusedPidDoesNotKeepAStaleTree() throws Exception {
    assumeCgroups();
    String id = "reused" + Long.toHexString(System.nanoTime());
    Path mem = MEMORY.resolve("assay-" + id).resolve("slot-0");
    try {
      Files.createDirectories(mem);
      Files.createDirectories(CgroupTree.REGISTRY);
      // the owner's pid is alive now (it is ours) but belongs to another process: its start
      // time differs from the registered one
      Files.writeString(CgroupTree.REGISTRY.resolve(id),
          ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z");

      CgroupTree.reapStale();

      assertThat(mem.getParent()).doesNotExist();
      assertThat(CgroupTree.REGISTRY.resolve(id)).doesNotExist();
    } finally {
      Files.deleteIfExists(CgroupTree.REGISTRY.resolve(id));
      Files.deleteIfExists(mem);
      Files.deleteIfExists(mem.getParent());
    }
  }

  @Test
  void twoTreesWithTheSameRunIdAreSeparateAndDestroyRemovesOnlyItsOwn() throws Exception {
    assumeCgroups();
    Isolation iso = Isolation.select("auto", "/usr/bin/python3");
    CgroupTree a = CgroupTree.create(iso, "same-run");
    CgroupTree b = CgroupTree.create(iso, "same-run");
    try {
      assertThat(a.name()).isNotEqualTo(b.name()).startsWith("assay-same-run-");
      a.slot("slot-0", 16, 1.0);
      b.slot("slot-0", 16, 1.0);
      assertThat(MEMORY.resolve(a.name()).resolve("slot-0")).isDirectory();
      assertThat(CgroupTree.REGISTRY.resolve(a.name().substring("assay-".length()))).exists();

      a.destroy();

      assertThat(MEMORY.resolve(a.name())).doesNotExist();
      assertThat(CgroupTree.REGISTRY.resolve(a.name().substring("assay-".length()))).doesNotExist();
      assertThat(MEMORY.resolve(b.name()).resolve("slot-0")).isDirectory();
    } finally {
      a.destroy();
      b.destroy();
    }
  }
}

package dev.assay.sandbox.java;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One runner's cgroup v1 directories (memory, pids, cpu) under {@code assay-java/}. The runner is
 * placed in them by a tiny shell wrapper before bwrap is exec'd, so every thread and child is
 * counted. Cleanup kills what is left and removes the directories; it never throws.
 */
final class CgroupV1 {
  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final String PARENT = "assay-java";

  private final Path memory;
  private final Path pids;
  private final Path cpu;

  private CgroupV1(String name) {
    memory = ROOT.resolve("memory").resolve(PARENT).resolve(name);
    pids = ROOT.resolve("pids").resolve(PARENT).resolve(name);
    cpu = ROOT.resolve("cpu").resolve(PARENT).resolve(name);
  }

  static boolean available() {
    return Files.isWritable(ROOT.resolve("memory/cgroup.procs"))
        && Files.isWritable(ROOT.resolve("pids/cgroup.procs"));
  }

  static CgroupV1 create(String name, long memoryBytes, int pidsMax, double cpus)
      throws IOException {
    CgroupV1 g = new CgroupV1(name);
    Files.createDirectories(g.memory);
    Files.createDirectories(g.pids);
    Files.writeString(g.memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
    try {
      Files.writeString(
          g.memory.resolve("memory.memsw.limit_in_bytes"), Long.toString(memoryBytes));
    } catch (IOException e) {
      // no swap accounting: the memory limit alone applies
    }
    Files.writeString(g.pids.resolve("pids.max"), Integer.toString(pidsMax));
    if (cpus > 0 && Files.isDirectory(ROOT.resolve("cpu"))) {
      try {
        Files.createDirectories(g.cpu);
        Files.writeString(g.cpu.resolve("cpu.cfs_period_us"), "100000");
        Files.writeString(
            g.cpu.resolve("cpu.cfs_quota_us"), Long.toString((long) (cpus * 100_000)));
      } catch (IOException e) {
        // CPU quota is best effort
      }
    }
    return g;
  }

  /**
   * Removes runner cgroups left by daemons that died (names end in {@code -<pid>-<seq>}); their
   * processes are killed first. Never throws.
   */
  static void removeStale() {
    for (String controller : List.of("memory", "pids", "cpu")) {
      Path parent = ROOT.resolve(controller).resolve(PARENT);
      try (var dirs = Files.list(parent)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          String[] parts = dir.getFileName().toString().split("-");
          if (parts.length >= 3 && parts[parts.length - 2].matches("\\d+")
              && ProcessHandle.of(Long.parseLong(parts[parts.length - 2])).isEmpty()) {
            new CgroupV1(dir.getFileName().toString()).remove();
          }
        }
      } catch (IOException | RuntimeException e) {
        // nothing to clean or not ours to clean
      }
    }
  }

  /** Wraps a command so it joins these cgroups before it starts. */
  List<String> wrap(List<String> command) {
    StringBuilder script = new StringBuilder();
    for (Path dir : List.of(memory, pids, cpu)) {
      if (Files.isDirectory(dir)) {
        script.append("echo $$ > '").append(dir.resolve("cgroup.procs")).append("' && ");
      }
    }
    script.append("exec \"$@\"");
    List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "sh"));
    out.addAll(command);
    return out;
  }

  /** Whether the kernel's OOM killer fired in this cgroup. */
  boolean oomKilled() {
    try {
      for (String line : Files.readAllLines(memory.resolve("memory.oom_control"))) {
        if (line.startsWith("oom_kill ") && !line.endsWith(" 0")) {
          return true;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** Counters for a report: peak memory, OOM kills, times the pids limit was hit. */
  String summary() {
    return "peak " + peakKb() / 1024 + " MB, oom_kill " + (oomKilled() ? "yes" : "no")
        + ", pids limit hits " + read(pids.resolve("pids.events")).replace("max ", "").trim();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "?";
    }
  }

  long peakKb() {
    try {
      return Long.parseLong(Files.readString(memory.resolve("memory.max_usage_in_bytes")).trim())
          / 1024;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Kills every process left in the cgroups and removes them; idempotent, never throws. */
  void remove() {
    for (int attempt = 0; attempt < 300; attempt++) {
      boolean left = false;
      for (Path dir : List.of(memory, pids, cpu)) {
        left |= killAll(dir);
      }
      if (!left) {
        break;
      }
      sleep(10);
    }
    for (Path dir : List.of(memory, pids, cpu)) {
      for (int attempt = 0; attempt < 300 && Files.isDirectory(dir); attempt++) {
        try {
          Files.delete(dir);
        } catch (IOException e) {
          sleep(10);
        }
      }
    }
  }

  private static boolean killAll(Path dir) {
    try {
      boolean any = false;
      for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
        if (!pid.isBlank()) {
          any = true;
          ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      return any;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

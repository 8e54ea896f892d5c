package dev.assay.sandbox.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cgroup v1 groups of one runner slot (one per available controller). The runner and every
 * process it forks live in them, so the memory and pids limits bind the whole tree; the host
 * side sets the memory limit and reads the counters that classify a run. Made by
 * {@link CgroupTree#slot}.
 */
public final class CgroupSlot {
  private static final long UNLIMITED = -1;
  private final Map<String, Path> dirs = new LinkedHashMap<>();
  private long memLimit = UNLIMITED;

  CgroupSlot(Map<String, Path> dirs) {
    this.dirs.putAll(dirs);
  }

  /** Creates the groups (idempotent) and applies the fixed pids and CPU limits. */
  void create(int pidsMax, double cpus) throws IOException {
    for (Path d : dirs.values()) {
      Files.createDirectories(d);
    }
    if (dirs.containsKey("pids")) {
      write("pids", "pids.max", String.valueOf(pidsMax));
    }
    if (dirs.containsKey("cpu")) {
      write("cpu", "cpu.cfs_period_us", "100000");
      write("cpu", "cpu.cfs_quota_us", String.valueOf(Math.max(1000, (long) (cpus * 100_000))));
    }
  }

  /** The dir whose cgroup.procs a new runner joins, "" when the controller is unavailable. */
  public String procsDir(String controller) {
    Path d = dirs.get(controller);
    return d == null ? "" : d.toString();
  }

  public boolean hasMemory() {
    return dirs.containsKey("memory");
  }

  /** Current memory usage in bytes, or 0 without a memory group. */
  public long usage() {
    return hasMemory() ? readLong("memory", "memory.usage_in_bytes") : 0;
  }

  /** cpuacct.usage of the slot in ns, 0 when not accounted. */
  public long cpuNanos() {
    return dirs.containsKey("cpuacct") ? readLong("cpuacct", "cpuacct.usage") : 0;
  }

  /** Sets memory (and memory+swap, so swap cannot extend it) to {@code bytes}. */
  public void limitMemory(long bytes) throws IOException {
    if (!hasMemory() || bytes == memLimit) {
      return;
    }
    boolean memsw = Files.exists(dirs.get("memory").resolve("memory.memsw.limit_in_bytes"));
    // memory.limit_in_bytes must never exceed memory.memsw.limit_in_bytes
    if (memLimit != UNLIMITED && bytes > memLimit) {
      if (memsw) {
        write("memory", "memory.memsw.limit_in_bytes", String.valueOf(bytes));
      }
      write("memory", "memory.limit_in_bytes", String.valueOf(bytes));
    } else {
      write("memory", "memory.limit_in_bytes", String.valueOf(bytes));
      if (memsw) {
        write("memory", "memory.memsw.limit_in_bytes", String.valueOf(bytes));
      }
    }
    memLimit = bytes;
  }

  /** A snapshot of the counters that classify a run. */
  public Counters counters() {
    long oom = 0;
    if (hasMemory()) {
      for (String line : readLines("memory", "memory.oom_control")) {
        if (line.startsWith("oom_kill ")) {
          oom = Long.parseLong(line.substring(9).trim());
        }
      }
    }
    long pidsMax = 0;
    if (dirs.containsKey("pids")) {
      for (String line : readLines("pids", "pids.events")) {
        if (line.startsWith("max ")) {
          pidsMax = Long.parseLong(line.substring(4).trim());
        }
      }
    }
    return new Counters(oom, pidsMax);
  }

  /** Host pids of every process in the slot (from the first available controller). */
  public List<Long> pids() {
    List<Long> out = new ArrayList<>();
    for (Path d : dirs.values()) {
      try {
        for (String s : Files.readAllLines(d.resolve("cgroup.procs"))) {
          if (!s.isBlank()) {
            out.add(Long.parseLong(s.trim()));
          }
        }
      } catch (IOException | NumberFormatException e) {
        continue;
      }
      return out;
    }
    return out;
  }

  /** Peak memory of the slot since the last {@link #resetPeak()}, in KiB; -1 without memory. */
  public long peakKb() {
    return hasMemory() ? readLong("memory", "memory.max_usage_in_bytes") / 1024 : -1;
  }

  /** Starts a new peak-memory measurement (a new runner in a reused slot). */
  public void resetPeak() {
    if (hasMemory()) {
      try {
        write("memory", "memory.max_usage_in_bytes", "0");
      } catch (IOException e) {
        // the peak then also covers the previous runner; only a report figure
      }
    }
  }

  /** Kills every process in the slot and removes the groups; never throws. */
  void destroy() {
    for (int i = 0; i < 50 && !pids().isEmpty(); i++) {
      pids().forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
      sleep(20);
    }
    for (Path d : dirs.values()) {
      for (int i = 0; i < 20; i++) {
        try {
          Files.deleteIfExists(d);
          break;
        } catch (IOException e) {
          sleep(20);
        }
      }
    }
  }

  /** Counters that only grow: OOM kills and times the pids limit refused a fork. */
  public record Counters(long oomKills, long pidsMaxHits) {
    public static final Counters ZERO = new Counters(0, 0);

    public Counters minus(Counters before) {
      return new Counters(oomKills - before.oomKills, pidsMaxHits - before.pidsMaxHits);
    }
  }

  private void write(String ctl, String file, String value) throws IOException {
    Files.writeString(dirs.get(ctl).resolve(file), value, StandardCharsets.US_ASCII);
  }

  private long readLong(String ctl, String file) {
    List<String> lines = readLines(ctl, file);
    return lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).trim());
  }

  private List<String> readLines(String ctl, String file) {
    try {
      return Files.readAllLines(dirs.get(ctl).resolve(file));
    } catch (IOException | RuntimeException e) {
      return List.of();
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

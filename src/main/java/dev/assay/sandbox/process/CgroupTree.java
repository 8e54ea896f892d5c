package dev.assay.sandbox.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This daemon's cgroups: {@code /sys/fs/cgroup/<controller>/assay-<runId>/slot-<n>}, created on
 * demand and removed (processes killed first) on close and from a shutdown hook. A daemon killed
 * with SIGKILL runs no hook, so each tree is also registered as {@code <tmp>/assay-cgroups/<runId>}
 * holding the owner's pid and start time; creating a tree removes the trees of dead owners.
 */
final class CgroupTree {
  static final Path REGISTRY = Path.of(System.getProperty("java.io.tmpdir"), "assay-cgroups");
  private static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "cpuacct");
  private final String runId;
  private final Map<String, Path> parents = new LinkedHashMap<>();
  private final List<CgroupSlot> slots = new ArrayList<>();
  private final Thread hook = new Thread(this::destroy, "assay-cgroup-cleanup");
  private boolean destroyed;

  CgroupTree(Isolation iso, String runId) {
    this.runId = runId;
    if (iso.memoryCgroup()) {
      parents.put("memory", Isolation.CGROUP_ROOT.resolve("memory").resolve("assay-" + runId));
    }
    if (iso.pidsCgroup()) {
      parents.put("pids", Isolation.CGROUP_ROOT.resolve("pids").resolve("assay-" + runId));
    }
    if (iso.cpuCgroup()) {
      parents.put("cpu", Isolation.CGROUP_ROOT.resolve("cpu").resolve("assay-" + runId));
    }
    Path acct = Isolation.CGROUP_ROOT.resolve("cpuacct");
    if (!parents.isEmpty() && Files.isRegularFile(acct.resolve("cpuacct.usage"))
        && Files.isWritable(acct) && !acct.equals(parents.get("cpu"))) {
      parents.put("cpuacct", acct.resolve("assay-" + runId)); // accounting only, for the bench
    }
    if (!parents.isEmpty()) {
      reapStale();
      register();
      Runtime.getRuntime().addShutdownHook(hook);
    }
  }

  private void register() {
    try {
      Files.createDirectories(REGISTRY);
      Files.writeString(REGISTRY.resolve(runId), ownerStamp(ProcessHandle.current()));
    } catch (IOException e) {
      // without a registry entry only a crash of this daemon would leave its groups behind
    }
  }

  private static String ownerStamp(ProcessHandle p) {
    return p.pid() + " " + p.info().startInstant().map(Object::toString).orElse("?");
  }

  /** Removes the groups of registered trees whose owner process is gone; never throws. */
  static void reapStale() {
    try (var entries = Files.list(REGISTRY)) {
      for (Path e : entries.toList()) {
        String stamp = Files.readString(e).trim();
        long pid = Long.parseLong(stamp.split(" ")[0]);
        boolean alive = ProcessHandle.of(pid).map(h -> ownerStamp(h).equals(stamp)).orElse(false);
        if (!alive && e.getFileName().toString().matches("[A-Za-z0-9_-]{1,40}")) {
          removeTree(e.getFileName().toString());
          Files.deleteIfExists(e);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no registry yet, or an unreadable entry: nothing to reap
    }
  }

  private static void removeTree(String id) {
    Map<String, Path> slots = new LinkedHashMap<>();
    for (String ctl : CONTROLLERS) {
      Path parent = Isolation.CGROUP_ROOT.resolve(ctl).resolve("assay-" + id);
      if (Files.isDirectory(parent)) {
        try (var children = Files.list(parent)) {
          for (Path slot : children.filter(Files::isDirectory).toList()) {
            new CgroupSlot(Map.of(ctl, slot)).destroy();
          }
        } catch (IOException e) {
          continue;
        }
        slots.put(ctl, parent);
      }
    }
    slots.values().forEach(p -> p.toFile().delete());
  }

  /** A new slot's groups, created with the given fixed limits; null when no cgroups. */
  synchronized CgroupSlot slot(int n, int pidsMax, double cpus) throws IOException {
    if (parents.isEmpty()) {
      return null;
    }
    Map<String, Path> dirs = new LinkedHashMap<>();
    parents.forEach((ctl, p) -> dirs.put(ctl, p.resolve("slot-" + n)));
    CgroupSlot s = new CgroupSlot(dirs);
    s.create(pidsMax, cpus);
    slots.add(s);
    return s;
  }

  /** Every process in any of our slots (host pids). */
  synchronized List<Long> pids() {
    List<Long> all = new ArrayList<>();
    slots.forEach(s -> all.addAll(s.pids()));
    return all;
  }

  /** CPU time used by all slots so far (cpuacct), -1 when not accounted. */
  synchronized long cpuNanos() {
    if (!parents.containsKey("cpuacct")) {
      return -1;
    }
    return slots.stream().mapToLong(CgroupSlot::cpuNanos).sum();
  }

  /** Kills what is left and removes every group; idempotent, never throws. */
  synchronized void destroy() {
    if (destroyed) {
      return;
    }
    destroyed = true;
    slots.forEach(CgroupSlot::destroy);
    for (Path p : parents.values()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a parent that still has children is left for the next start; nothing else to do
      }
    }
    try {
      Files.deleteIfExists(REGISTRY.resolve(runId));
    } catch (IOException e) {
      // a stale entry is reaped by the next daemon
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: we are the hook
    }
  }
}

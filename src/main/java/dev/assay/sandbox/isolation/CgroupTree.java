package dev.assay.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One sandbox's cgroups, for every backend: {@code /sys/fs/cgroup/<controller>/assay-<id>/<slot>}
 * with {@code id = <runId>-<nonce>}, so two sandboxes never share a tree even with the same run
 * id. Created on demand; removed (processes killed first) on {@link #destroy()} and from a
 * shutdown hook. A daemon killed with SIGKILL runs no hook, so each tree is registered as
 * {@code <tmp>/assay-cgroups/<id>} holding the owner's pid and start time; creating a tree removes
 * the trees whose registered owner is gone (a pid reused by another process does not match the
 * start time, so pid reuse neither keeps a stale tree nor reaps a live one).
 */
public final class CgroupTree {
  /** Where trees are registered with their owner. */
  public static final Path REGISTRY = Path.of(System.getProperty("java.io.tmpdir"), "assay-cgroups");
  private static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "cpuacct");
  private static final String ID = "[A-Za-z0-9_.-]{1,80}";
  private final String id;
  private final Map<String, Path> parents = new LinkedHashMap<>();
  private final Map<String, CgroupSlot> slots = new LinkedHashMap<>();
  private final Thread hook = new Thread(this::destroy, "assay-cgroup-cleanup");
  private boolean destroyed;

  private CgroupTree(Isolation iso, String id) {
    this.id = id;
    if (iso.memoryCgroup()) {
      parents.put("memory", dir("memory"));
    }
    if (iso.pidsCgroup()) {
      parents.put("pids", dir("pids"));
    }
    if (iso.cpuCgroup()) {
      parents.put("cpu", dir("cpu"));
    }
    Path acct = Isolation.CGROUP_ROOT.resolve("cpuacct");
    if (!parents.isEmpty() && Files.isRegularFile(acct.resolve("cpuacct.usage"))
        && Files.isWritable(acct) && !acct.toAbsolutePath().equals(parents.get("cpu"))) {
      parents.put("cpuacct", dir("cpuacct")); // accounting only: CPU per run and for the bench
    }
  }

  /**
   * The tree of a new sandbox with run id {@code runId}; reaps the trees of dead owners first.
   * Without any writable controller the tree is empty and {@link #slot} returns null.
   */
  public static CgroupTree create(Isolation iso, String runId) {
    String nonce = UUID.randomUUID().toString().substring(0, 6);
    CgroupTree t = new CgroupTree(iso, runId + "-" + nonce);
    if (!t.parents.isEmpty()) {
      reapStale();
      t.register();
      Runtime.getRuntime().addShutdownHook(t.hook);
    }
    return t;
  }

  /** The directory name of this tree under each controller. */
  public String name() {
    return "assay-" + id;
  }

  private Path dir(String controller) {
    return Isolation.CGROUP_ROOT.resolve(controller).resolve(name());
  }

  private void register() {
    try {
      Files.createDirectories(REGISTRY);
      Files.writeString(REGISTRY.resolve(id), ownerStamp(ProcessHandle.current()));
    } catch (IOException e) {
      // without a registry entry only a crash of this daemon would leave its groups behind
    }
  }

  private static String ownerStamp(ProcessHandle p) {
    return p.pid() + " " + p.info().startInstant().map(Object::toString).orElse("?");
  }

  /** Removes the groups of registered trees whose owner process is gone; never throws. */
  public static void reapStale() {
    try (var entries = Files.list(REGISTRY)) {
      for (Path e : entries.toList()) {
        try {
          String stamp = Files.readString(e).trim();
          long pid = Long.parseLong(stamp.split(" ")[0]);
          boolean alive = ProcessHandle.of(pid).map(h -> ownerStamp(h).equals(stamp)).orElse(false);
          String name = e.getFileName().toString();
          if (!alive && name.matches(ID)) {
            removeTree(name);
            Files.deleteIfExists(e);
          }
        } catch (IOException | RuntimeException bad) {
          // an unreadable entry (being written right now): the next start looks again
        }
      }
    } catch (IOException | RuntimeException e) {
      // no registry yet: nothing to reap
    }
  }

  private static void removeTree(String id) {
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
        parent.toFile().delete();
      }
    }
  }

  /**
   * The groups of slot {@code name}, created with the given pids and CPU limits (or the existing
   * ones, reused by a replacement runner); null when no controller is available.
   */
  public synchronized CgroupSlot slot(String name, int pidsMax, double cpus) throws IOException {
    if (parents.isEmpty()) {
      return null;
    }
    CgroupSlot s = slots.get(name);
    if (s == null) {
      Map<String, Path> dirs = new LinkedHashMap<>();
      parents.forEach((ctl, p) -> dirs.put(ctl, p.resolve(name)));
      s = new CgroupSlot(dirs);
      slots.put(name, s);
    }
    s.create(pidsMax, cpus);
    return s;
  }

  /** Kills what is left in one slot and removes its groups (a one-off runner's); never throws. */
  public synchronized void remove(CgroupSlot s) {
    if (s != null && slots.values().remove(s)) {
      s.destroy();
    }
  }

  /** Every process in any of our slots (host pids). */
  public synchronized List<Long> pids() {
    List<Long> all = new ArrayList<>();
    slots.values().forEach(s -> all.addAll(s.pids()));
    return all;
  }

  /** CPU time used by all slots so far (cpuacct), -1 when not accounted. */
  public synchronized long cpuNanos() {
    if (!parents.containsKey("cpuacct")) {
      return -1;
    }
    return slots.values().stream().mapToLong(CgroupSlot::cpuNanos).sum();
  }

  /** Kills what is left and removes every group; idempotent, never throws. */
  public synchronized void destroy() {
    if (destroyed) {
      return;
    }
    destroyed = true;
    slots.values().forEach(CgroupSlot::destroy);
    for (Path p : parents.values()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a parent that still has children is reaped by the next start
      }
    }
    try {
      Files.deleteIfExists(REGISTRY.resolve(id));
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

package dev.assay.sandbox.isolation;

import dev.assay.AssayException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What isolation this machine offers, probed once: which namespace tool works and which cgroup
 * v1 controllers we may create groups in.
 *
 * @param kind {@code bwrap}, {@code unshare} or {@code none}
 * @param memoryCgroup the v1 memory controller is mounted and writable
 * @param pidsCgroup the v1 pids controller is mounted and writable
 * @param cpuCgroup the v1 cpu controller is mounted and writable
 * @param uid host uid the sandbox runs as when the daemon is root (setpriv drops to it before
 *     the namespaces are made, so even sandbox "root" owns nothing on the host), -1 = unchanged
 * @param note why a weaker choice was made, "" when nothing to say
 */
public record Isolation(String kind, boolean memoryCgroup, boolean pidsCgroup, boolean cpuCgroup,
    int uid, String note) {

  static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
  static final String BWRAP = "/usr/bin/bwrap";
  static final String UNSHARE = "/usr/bin/unshare";
  static final String SETPRIV = "/usr/bin/setpriv";
  /** nobody: owns no host file, so a sandboxed process cannot chmod or write host inodes. */
  public static final int SANDBOX_UID = 65534;

  /** Which isolation to use for {@code requested} (auto|bwrap|unshare|none); CONFIG if absent. */
  public static Isolation select(String requested, String pythonPath) {
    return select(requested, List.of(pythonPath, "-I", "-c", "pass"));
  }

  /**
   * Which isolation to use for {@code requested}, proven by running {@code probe} inside it
   * (as the sandbox user when the daemon is root); CONFIG when none works.
   */
  public static Isolation select(String requested, List<String> probe) {
    boolean mem = controller("memory", "memory.limit_in_bytes");
    boolean pids = controller("pids", "pids.max");
    boolean cpu = controller("cpu", "cpu.cfs_quota_us");
    int uid = daemonIsRoot() && Files.isExecutable(Path.of(SETPRIV)) ? SANDBOX_UID : -1;
    String kind = null;
    for (String k : requested.equals("auto") ? List.of("bwrap", "unshare") : List.of(requested)) {
      if (k.equals("none")) {
        kind = "none";
        uid = -1;
        break;
      }
      if (uid >= 0 && works(probeCommand(k, probe, uid))) {
        kind = k;
        break;
      }
      if (works(probeCommand(k, probe, -1))) {
        kind = k;
        uid = -1;
        break;
      }
    }
    if (kind == null) {
      throw AssayException.config("sandbox isolation '" + requested + "' is not available here"
          + " (bubblewrap/unshare failed); refusing to run code unisolated unless the config"
          + " says isolation: none");
    }
    String note = kind.equals("none") ? "UNISOLATED: candidate code runs as the daemon's user"
        : !mem ? "no writable memory cgroup: memory limited by RLIMIT_DATA only"
        : uid < 0 && daemonIsRoot() ? "sandbox user is the host's root (no setpriv)" : "";
    return new Isolation(kind, mem, pids, cpu, uid, note);
  }

  /** Everything that works here, for {@code assay doctor}. */
  public static JsonObject probe(String pythonPath) {
    List<String> py = List.of(pythonPath, "-I", "-c", "pass");
    return new JsonObject()
        .put("bwrap", works(probeCommand("bwrap", py, -1)))
        .put("unshare", works(probeCommand("unshare", py, -1)))
        .put("setpriv", Files.isExecutable(Path.of(SETPRIV)))
        .put("cgroup_v1_memory", controller("memory", "memory.limit_in_bytes"))
        .put("cgroup_v1_pids", controller("pids", "pids.max"))
        .put("cgroup_v1_cpu", controller("cpu", "cpu.cfs_quota_us"))
        .put("python", Files.isExecutable(Path.of(pythonPath)) ? pythonPath : "missing");
  }

  /** "bwrap+cgroup-v1(memory,pids,cpu)" and the like. */
  public String describe() {
    StringBuilder s = new StringBuilder(kind);
    if (uid >= 0) {
      s.append("(uid ").append(uid).append(')');
    }
    String ctl = (memoryCgroup ? "memory," : "") + (pidsCgroup ? "pids," : "")
        + (cpuCgroup ? "cpu," : "");
    s.append(ctl.isEmpty() ? "+no-cgroups" : "+cgroup-v1(" + ctl.substring(0, ctl.length() - 1) + ")");
    if (!note.isEmpty()) {
      s.append(" [").append(note).append(']');
    }
    return s.toString();
  }

  /** Whether programs get their own namespaces (the runner is PID 1 of its own). */
  public boolean namespaced() {
    return !kind.equals("none");
  }

  /** Whether any cgroup v1 controller is available to limit runners. */
  public boolean cgroups() {
    return memoryCgroup || pidsCgroup || cpuCgroup;
  }

  /** The same isolation without the uid drop (for a process that must own host files). */
  public Isolation keepUid() {
    return new Isolation(kind, memoryCgroup, pidsCgroup, cpuCgroup, -1, note);
  }

  private static boolean controller(String name, String file) {
    Path dir = CGROUP_ROOT.resolve(name);
    if (!Files.isRegularFile(dir.resolve("cgroup.procs")) || !Files.isWritable(dir)) {
      return false;
    }
    Path probe = dir.resolve("assay-probe-" + ProcessHandle.current().pid());
    try {
      Files.createDirectory(probe);
      return Files.isRegularFile(probe.resolve(file));
    } catch (Exception e) {
      return false;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (Exception ignored) {
        // a probe dir that cannot be removed is harmless
      }
    }
  }

  private static List<String> probeCommand(String kind, List<String> probe, int uid) {
    String tool = kind.equals("bwrap") ? BWRAP : UNSHARE;
    if (!Files.isExecutable(Path.of(tool))) {
      return List.of();
    }
    return new IsolatedCommand(new Isolation(kind, false, false, false, uid, ""))
        .tmp(16L << 20).wrap(probe);
  }

  static boolean daemonIsRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0"); // effective uid
        }
      }
    } catch (Exception e) {
      return false;
    }
    return false;
  }

  private static final java.util.Map<List<String>, Boolean> PROBED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static boolean works(List<String> cmd) {
    return !cmd.isEmpty() && PROBED.computeIfAbsent(cmd, Isolation::launch);
  }

  private static boolean launch(List<String> cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().clear();
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}

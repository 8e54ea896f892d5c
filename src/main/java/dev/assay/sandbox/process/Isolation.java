package dev.assay.sandbox.process;

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
 * @param note why a weaker choice was made, "" when nothing to say
 */
public record Isolation(
    String kind, boolean memoryCgroup, boolean pidsCgroup, boolean cpuCgroup, String note) {

  static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
  static final String BWRAP = "/usr/bin/bwrap";
  static final String UNSHARE = "/usr/bin/unshare";

  /** Which isolation to use for {@code requested} (auto|bwrap|unshare|none); CONFIG if absent. */
  public static Isolation select(String requested, String pythonPath) {
    boolean mem = controller("memory", "memory.limit_in_bytes");
    boolean pids = controller("pids", "pids.max");
    boolean cpu = controller("cpu", "cpu.cfs_quota_us");
    String kind = switch (requested) {
      case "none" -> "none";
      case "bwrap" -> works(bwrapProbe(pythonPath)) ? "bwrap" : null;
      case "unshare" -> works(unshareProbe(pythonPath)) ? "unshare" : null;
      default -> works(bwrapProbe(pythonPath)) ? "bwrap"
          : works(unshareProbe(pythonPath)) ? "unshare" : null;
    };
    if (kind == null) {
      throw AssayException.config("sandbox isolation '" + requested + "' is not available here"
          + " (bubblewrap/unshare failed); refusing to run code unisolated unless the config"
          + " says isolation: none");
    }
    String note = kind.equals("none") ? "UNISOLATED: candidate code runs as the daemon's user"
        : mem ? "" : "no writable memory cgroup: memory limited by RLIMIT_DATA only";
    return new Isolation(kind, mem, pids, cpu, note);
  }

  /** Everything that works here, for {@code assay doctor}. */
  public static JsonObject probe(String pythonPath) {
    return new JsonObject()
        .put("bwrap", works(bwrapProbe(pythonPath)))
        .put("unshare", works(unshareProbe(pythonPath)))
        .put("cgroup_v1_memory", controller("memory", "memory.limit_in_bytes"))
        .put("cgroup_v1_pids", controller("pids", "pids.max"))
        .put("cgroup_v1_cpu", controller("cpu", "cpu.cfs_quota_us"))
        .put("python", Files.isExecutable(Path.of(pythonPath)) ? pythonPath : "missing");
  }

  /** "bwrap+cgroup-v1(memory,pids,cpu)" and the like. */
  public String describe() {
    StringBuilder s = new StringBuilder(kind);
    String ctl = (memoryCgroup ? "memory," : "") + (pidsCgroup ? "pids," : "")
        + (cpuCgroup ? "cpu," : "");
    s.append(ctl.isEmpty() ? "+no-cgroups" : "+cgroup-v1(" + ctl.substring(0, ctl.length() - 1) + ")");
    if (!note.isEmpty()) {
      s.append(" [").append(note).append(']');
    }
    return s.toString();
  }

  boolean namespaced() {
    return !kind.equals("none");
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

  private static List<String> bwrapProbe(String python) {
    if (!Files.isExecutable(Path.of(BWRAP))) {
      return List.of();
    }
    List<String> cmd = new java.util.ArrayList<>(RunnerCommand.bwrapArgs(null, 16));
    cmd.addAll(List.of(python, "-I", "-c", "pass"));
    return cmd;
  }

  private static List<String> unshareProbe(String python) {
    if (!Files.isExecutable(Path.of(UNSHARE))) {
      return List.of();
    }
    List<String> cmd = new java.util.ArrayList<>(RunnerCommand.unshareArgs());
    cmd.addAll(List.of(python, "-I", "-c", "pass"));
    return cmd;
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

package dev.assay.sandbox.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the command line that starts one runner inside the chosen isolation. */
final class RunnerCommand {
  static final String INNER_SCRIPT = "/runner/pyrunner.py";
  static final Map<String, String> CHILD_ENV =
      Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8");
  /** Joins the cgroups given as $1..$4 (empty = skip), then execs the rest. */
  private static final String JOIN_CGROUPS =
      "for d in \"$1\" \"$2\" \"$3\" \"$4\"; do [ -z \"$d\" ] || echo $$ > \"$d/cgroup.procs\" || exit 97;"
          + " done; shift 4; exec \"$@\"";

  private RunnerCommand() {}

  /**
   * The full command: cgroup join, isolation wrapper, interpreter, runner flags.
   *
   * @param workDir host work dir for unshare/none (bwrap uses its own tmpfs), may be null
   */
  static List<String> build(Isolation iso, CgroupSlot slot, Path script, String python,
      int tmpfsMb, boolean warm, Path workDir) {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", JOIN_CGROUPS, "sh"));
    cmd.add(slot == null ? "" : slot.procsDir("memory"));
    cmd.add(slot == null ? "" : slot.procsDir("pids"));
    cmd.add(slot == null ? "" : slot.procsDir("cpu"));
    cmd.add(slot == null ? "" : slot.procsDir("cpuacct"));
    String inScript = script.toString();
    cmd.addAll(dropTo(iso.uid()));
    switch (iso.kind()) {
      case "bwrap" -> {
        cmd.addAll(bwrapArgs(script, tmpfsMb));
        inScript = INNER_SCRIPT;
      }
      case "unshare" -> {
        cmd.addAll(unshareArgs());
        cmd.addAll(List.of("/usr/bin/env", "-i"));
        CHILD_ENV.forEach((k, v) -> cmd.add(k + "=" + v));
      }
      default -> {
        cmd.addAll(List.of("/usr/bin/env", "-i"));
        CHILD_ENV.forEach((k, v) -> cmd.add(k + "=" + v));
      }
    }
    cmd.addAll(List.of(python, "-I", inScript));
    if (iso.kind().equals("bwrap")) {
      cmd.addAll(List.of("--work", "/tmp", "--scratch", "/tmp", "--scratch", "/dev/shm",
          "--devcheck"));
    } else {
      cmd.addAll(List.of("--work", workDir.toString(), "--scratch", workDir.toString()));
    }
    if (iso.kind().equals("unshare")) {
      cmd.add("--drop-caps");
    }
    if (iso.namespaced()) {
      cmd.add("--pidns");
    }
    if (!iso.memoryCgroup()) {
      cmd.add("--rlimit-mem");
    }
    if (!warm) {
      cmd.addAll(List.of("--oneshot", "--no-preload"));
    }
    return cmd;
  }

  /**
   * bubblewrap: all namespaces (user, pid, net, ipc, uts, cgroup), no capabilities, the runner
   * as PID 1, a read-only view of /usr (and a few /etc files), fresh /proc, /dev and a sized
   * tmpfs /tmp, a cleared environment.
   */
  static List<String> bwrapArgs(Path script, int tmpfsMb) {
    List<String> a = new ArrayList<>(List.of(Isolation.BWRAP,
        "--unshare-all", "--unshare-user", "--disable-userns", "--cap-drop", "ALL",
        "--die-with-parent", "--as-pid-1", "--new-session", "--hostname", "sandbox",
        "--ro-bind", "/usr", "/usr"));
    for (String top : List.of("bin", "lib", "lib64", "sbin", "lib32", "libx32")) {
      Path p = Path.of("/", top);
      if (Files.isSymbolicLink(p)) {
        a.addAll(List.of("--symlink", readLink(p), "/" + top));
      } else if (Files.isDirectory(p)) {
        a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
      }
    }
    for (String etc : List.of("/etc/passwd", "/etc/group", "/etc/localtime", "/etc/ld.so.cache",
        "/etc/nsswitch.conf", "/etc/alternatives")) {
      a.addAll(List.of("--ro-bind-try", etc, etc));
    }
    a.addAll(List.of("--proc", "/proc", "--dev", "/dev",
        "--size", String.valueOf((long) tmpfsMb * 1024 * 1024), "--tmpfs", "/tmp",
        "--clearenv", "--chdir", "/tmp"));
    CHILD_ENV.forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
    if (script != null) {
      a.addAll(List.of("--ro-bind", script.toString(), INNER_SCRIPT));
    }
    a.addAll(List.of("--remount-ro", "/")); // bwrap's own root tmpfs; /tmp and /dev stay writable
    return a;
  }

  /** setpriv to {@code uid} (no groups, no capabilities, no new privileges); empty if -1. */
  static List<String> dropTo(int uid) {
    if (uid < 0) {
      return List.of();
    }
    return List.of(Isolation.SETPRIV, "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs");
  }

  /** util-linux unshare: user (mapped root), pid (runner is PID 1), net, ipc, uts, mount. */
  static List<String> unshareArgs() {
    return List.of(Isolation.UNSHARE, "--user", "--map-root-user", "--net", "--pid", "--ipc",
        "--uts", "--mount", "--fork", "--kill-child", "--mount-proc");
  }

  private static String readLink(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (Exception e) {
      return p.toString();
    }
  }
}

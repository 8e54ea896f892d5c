package dev.assay.sandbox.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one builder of a sandboxed command line, used for every backend's runners (the Python
 * fork-server of the process backend, the runner JVMs of the java backend). In order:
 *
 * <ol>
 *   <li>{@code env -i}: nothing of the daemon's environment reaches even the wrappers;
 *   <li>a shell that moves itself into the runner's cgroups (as the daemon, before any privilege
 *       is dropped) and execs the rest;
 *   <li>{@code setpriv} to uid 65534 without groups, capabilities or new privileges, when the
 *       daemon is root ({@link Isolation#uid()});
 *   <li>the namespace tool. <b>bwrap</b>: {@code --unshare-all} (user, pid, net, ipc, uts,
 *       cgroup), {@code --disable-userns}, {@code --cap-drop ALL}, {@code --die-with-parent},
 *       {@code --as-pid-1}, {@code --new-session}, a read-only {@code /usr} (and {@code /bin},
 *       {@code /lib}... as on the host), a few read-only {@code /etc} files, fresh {@code /proc}
 *       and {@code /dev}, a sized tmpfs {@code /tmp}, the extra tmpfs and read-only binds the
 *       backend asks for, a cleared environment, and bwrap's own root remounted read-only.
 *       <b>unshare</b> (fallback): user (mapped root), pid (the runner is PID 1), net, ipc, uts
 *       and mount namespaces, a cleared environment; no read-only view, so a runner under it must
 *       drop capabilities itself. <b>none</b>: only the cleared environment.
 * </ol>
 */
public final class IsolatedCommand {
  /** The whole environment of a sandboxed process. */
  public static final Map<String, String> CHILD_ENV =
      Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8");
  /** Joins the cgroups given as $1..$4 (empty = skip), then execs the rest. */
  private static final String JOIN_CGROUPS =
      "for d in \"$1\" \"$2\" \"$3\" \"$4\"; do [ -z \"$d\" ] || echo $$ > \"$d/cgroup.procs\" || exit 97;"
          + " done; shift 4; exec \"$@\"";
  private static final List<String> ETC = List.of("/etc/passwd", "/etc/group", "/etc/localtime",
      "/etc/ld.so.cache", "/etc/nsswitch.conf", "/etc/alternatives");

  private final Isolation iso;
  private CgroupSlot cgroup;
  private long tmpBytes = 64L << 20;
  private final List<String> view = new ArrayList<>();
  private String chdir = "/tmp";

  public IsolatedCommand(Isolation iso) {
    this.iso = iso;
  }

  /** The runner's cgroups (null: none). */
  public IsolatedCommand cgroup(CgroupSlot slot) {
    this.cgroup = slot;
    return this;
  }

  /** Size of the writable {@code /tmp} tmpfs (bwrap). */
  public IsolatedCommand tmp(long bytes) {
    this.tmpBytes = bytes;
    return this;
  }

  /** Another writable tmpfs of {@code bytes} at {@code inside} (bwrap). */
  public IsolatedCommand tmpfs(String inside, long bytes) {
    view.addAll(List.of("--size", Long.toString(bytes), "--tmpfs", inside));
    return this;
  }

  /** The working directory inside the view (bwrap); other kinds use the process's own. */
  public IsolatedCommand chdir(String inside) {
    this.chdir = inside;
    return this;
  }

  /**
   * Makes {@code host} readable at {@code inside}: a read-only bind under bwrap. Returns the path
   * the command must use: {@code inside} under bwrap, the host path otherwise.
   */
  public String expose(Path host, String inside) {
    if (!iso.kind().equals("bwrap")) {
      return host.toString();
    }
    view.addAll(List.of("--ro-bind", host.toString(), inside));
    return inside;
  }

  /** Makes {@code path} readable at the same place inside, when it exists (bwrap). */
  public IsolatedCommand exposeIfPresent(String path) {
    if (Files.exists(Path.of(path)) && !path.startsWith("/usr/")) {
      expose(Path.of(path), path);
    }
    return this;
  }

  /** The full command line that runs {@code command} in this isolation. */
  public List<String> wrap(List<String> command) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "-i", "/bin/sh", "-c",
        JOIN_CGROUPS, "sh"));
    for (String ctl : List.of("memory", "pids", "cpu", "cpuacct")) {
      cmd.add(cgroup == null ? "" : cgroup.procsDir(ctl));
    }
    cmd.addAll(dropTo(iso.uid()));
    switch (iso.kind()) {
      case "bwrap" -> cmd.addAll(bwrapArgs());
      case "unshare" -> {
        cmd.addAll(List.of(Isolation.UNSHARE, "--user", "--map-root-user", "--net", "--pid",
            "--ipc", "--uts", "--mount", "--fork", "--kill-child", "--mount-proc"));
        cmd.addAll(cleanEnv());
      }
      default -> cmd.addAll(cleanEnv());
    }
    cmd.addAll(command);
    return cmd;
  }

  private List<String> bwrapArgs() {
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
    for (String etc : ETC) {
      a.addAll(List.of("--ro-bind-try", etc, etc));
    }
    a.addAll(List.of("--proc", "/proc", "--dev", "/dev",
        "--size", Long.toString(tmpBytes), "--tmpfs", "/tmp"));
    a.addAll(view);
    a.addAll(List.of("--clearenv", "--chdir", chdir));
    CHILD_ENV.forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
    a.addAll(List.of("--remount-ro", "/")); // bwrap's own root tmpfs; the tmpfs mounts stay writable
    return a;
  }

  private static List<String> cleanEnv() {
    List<String> e = new ArrayList<>(List.of("/usr/bin/env", "-i"));
    CHILD_ENV.forEach((k, v) -> e.add(k + "=" + v));
    return e;
  }

  /** setpriv to {@code uid} (no groups, no capabilities, no new privileges); empty if -1. */
  static List<String> dropTo(int uid) {
    if (uid < 0) {
      return List.of();
    }
    return List.of(Isolation.SETPRIV, "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs");
  }

  private static String readLink(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (Exception e) {
      return p.toString();
    }
  }
}

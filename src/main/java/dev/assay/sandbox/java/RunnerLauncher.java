package dev.assay.sandbox.java;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.codehaus.commons.compiler.ICompilerFactory;
import org.codehaus.janino.SimpleCompiler;

/**
 * Builds the command line of one runner: JVM flags and, for {@code bwrap}, the namespaces and the
 * read-only view (/usr, the JDK, the runner classpath; a small tmpfs work dir; no network, no
 * environment). Overlaps with the process backend's launcher; kept package-private until the two
 * share one.
 */
final class RunnerLauncher {
  /** The work dir inside the sandbox (its own tmpfs). */
  static final String BOX = "/box";
  /** Size of the work dir tmpfs: the "huge file" limit. */
  static final long BOX_BYTES = 64L * 1024 * 1024;
  /** Heap on top of the candidate's memory for the compilers and the runner itself. */
  static final int HEAP_HEADROOM_MB = 64;
  /** Memory of a runner process beyond its heap: metaspace, code cache, stacks, the box. */
  static final int NATIVE_HEADROOM_MB = 256;
  /** Threads of the JVM itself (GC, JIT, reference handling) on top of the candidate's. */
  static final int JVM_THREADS = 48;

  private final JavaSandboxOptions options;
  private final List<String> classpath;
  private final boolean bwrap;

  RunnerLauncher(JavaSandboxOptions options) {
    this.options = options;
    this.classpath = options.runnerClasspath().isEmpty() ? detectClasspath()
        : options.runnerClasspath();
    this.bwrap = options.isolation().equals("bwrap");
  }

  boolean cgroups() {
    return bwrap && CgroupV1.available();
  }

  String describe() {
    return bwrap ? (cgroups() ? "bwrap+cgroup-v1" : "bwrap") : "none";
  }

  long memoryLimitBytes(int memoryMb) {
    return (long) (memoryMb + HEAP_HEADROOM_MB + NATIVE_HEADROOM_MB) * 1024 * 1024;
  }

  double cpus() {
    return options.cpus();
  }

  int pidsMax() {
    return options.pidsLimit() + JVM_THREADS;
  }

  /** The command for a runner whose work dir is {@code hostBox} (used only without bwrap). */
  List<String> command(int memoryMb, Path hostBox) {
    String box = bwrap ? BOX : hostBox.toString();
    List<String> cmd = new ArrayList<>();
    if (bwrap) {
      cmd.addAll(bwrapArgs());
    }
    cmd.add(options.javaPath());
    cmd.add("-Xmx" + (memoryMb + HEAP_HEADROOM_MB) + "m");
    cmd.add("-Xms32m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:MaxMetaspaceSize=192m");
    cmd.add("-XX:ReservedCodeCacheSize=64m");
    cmd.add("-XX:-UsePerfData");
    // stdout is the protocol pipe: the JVM's own warnings (e.g. a failed pthread_create) must
    // go to stderr, where unified logging does not write by default.
    cmd.add("-Xlog:disable");
    cmd.add("-Xlog:all=warning:stderr");
    cmd.add("-Xshare:auto");
    cmd.add("-XX:ActiveProcessorCount=" + Math.max(1, (int) Math.ceil(options.cpus())));
    cmd.add("--add-exports");
    cmd.add("jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED");
    cmd.add("-Djava.security.manager=allow");
    cmd.add("-Djdk.io.permissionsUseCanonicalPath=true");
    cmd.add("-Djava.io.tmpdir=" + box);
    cmd.add("-Dfile.encoding=UTF-8");
    cmd.add("-Duser.language=en");
    cmd.add("-Duser.country=US");
    cmd.add("-Duser.timezone=UTC");
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(JavaRunnerMain.class.getName());
    cmd.add(box);
    if (options.warmJavac()) {
      cmd.add("warm-javac");
    }
    return cmd;
  }

  /** {@code inner} wrapped in this launcher's bwrap view (for tests of the isolation layer). */
  List<String> isolate(List<String> inner) {
    List<String> cmd = new ArrayList<>(bwrapArgs());
    cmd.addAll(inner);
    return cmd;
  }

  private List<String> bwrapArgs() {
    // env -i: bwrap's own environment is visible as /proc/1/environ inside the sandbox, so it
    // must start empty whatever the caller's ProcessBuilder carries.
    List<String> a = new ArrayList<>(List.of(
        "/usr/bin/env", "-i", "/usr/bin/bwrap",
        "--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
        "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--clearenv",
        "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8",
        "--hostname", "sandbox",
        "--ro-bind", "/usr", "/usr",
        "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
        "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
        "--proc", "/proc", "--dev", "/dev",
        "--tmpfs", "/tmp",
        "--size", Long.toString(BOX_BYTES), "--tmpfs", BOX));
    roBindIfPresent(a, "/etc/ld.so.cache");
    try (DirectoryStream<Path> etc = Files.newDirectoryStream(Path.of("/etc"), "java-*")) {
      for (Path p : etc) {
        roBindIfPresent(a, p.toString());
      }
    } catch (IOException e) {
      // no JDK config under /etc on this machine
    }
    Set<String> binds = new LinkedHashSet<>();
    Path javaHome = Path.of(options.javaPath()).toAbsolutePath().getParent().getParent();
    binds.add(realPath(javaHome));
    binds.addAll(classpath);
    for (String p : binds) {
      if (!p.startsWith("/usr/")) {
        roBindIfPresent(a, p);
      }
    }
    a.addAll(List.of("--chdir", BOX));
    return a;
  }

  private static void roBindIfPresent(List<String> a, String path) {
    if (Files.exists(Path.of(path))) {
      a.addAll(List.of("--ro-bind", path, path));
    }
  }

  private static String realPath(Path p) {
    try {
      return p.toRealPath().toString();
    } catch (IOException e) {
      return p.toString();
    }
  }

  /** The jars or directories holding the runner, Janino and commons-compiler. */
  static List<String> detectClasspath() {
    Set<String> cp = new LinkedHashSet<>();
    for (Class<?> c : List.of(JavaRunnerMain.class, SimpleCompiler.class, ICompilerFactory.class)) {
      try {
        cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toAbsolutePath().toString());
      } catch (URISyntaxException | RuntimeException e) {
        throw new IllegalStateException("cannot locate the classpath entry of " + c.getName(), e);
      }
    }
    return List.copyOf(cp);
  }
}

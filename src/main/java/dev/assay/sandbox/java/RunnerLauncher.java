package dev.assay.sandbox.java;

import dev.assay.sandbox.isolation.CgroupSlot;
import dev.assay.sandbox.isolation.IsolatedCommand;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one runner JVM: the one isolation builder every backend uses
 * ({@link IsolatedCommand}: all namespaces, no capabilities, no new user namespaces, read-only
 * root, uid 65534 when the daemon is root, cgroups), plus what a JVM needs to see: the runner
 * jar ({@link RunnerJar}), the JDK's configuration under {@code /etc}, a JDK outside
 * {@code /usr}, and a small tmpfs work dir {@value #BOX}. No rlimit on address space: a JVM
 * reserves far more than it uses and would not start; the memory cgroup bounds it instead.
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
  private static final String INNER_JAR = "/runner/runner.jar";

  private final JavaSettings settings;
  private final Path runnerJar;
  private final Path tempDir;

  /** {@code tempDir}: the sandbox's private dir (traversable by the sandbox user). */
  RunnerLauncher(JavaSettings settings, Path tempDir) throws IOException {
    this.settings = settings;
    this.tempDir = tempDir;
    this.runnerJar = RunnerJar.build(tempDir);
  }

  Path tempDir() {
    return tempDir;
  }

  boolean bwrap() {
    return settings.isolation().kind().equals("bwrap");
  }

  long memoryLimitBytes(int memoryMb) {
    return (long) (memoryMb + HEAP_HEADROOM_MB + NATIVE_HEADROOM_MB) * 1024 * 1024;
  }

  int pidsMax() {
    return settings.options().pidsLimit() + JVM_THREADS;
  }

  /** The command of a runner whose work dir is {@code hostBox} (used only without bwrap). */
  List<String> command(int memoryMb, CgroupSlot cgroup, Path hostBox) {
    IsolatedCommand c = view().cgroup(cgroup);
    String jar = c.expose(runnerJar, INNER_JAR);
    String box = bwrap() ? BOX : hostBox.toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(settings.javaPath());
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
    cmd.add("-XX:ActiveProcessorCount=" + Math.max(1, (int) Math.ceil(settings.options().cpus())));
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
    cmd.add(jar);
    cmd.add(JavaRunnerMain.class.getName());
    cmd.add(box);
    if (settings.warmJavac()) {
      cmd.add("warm-javac");
    }
    return c.wrap(cmd);
  }

  /** {@code inner} in this launcher's isolation and view, without cgroups (tests). */
  List<String> isolate(List<String> inner) {
    return view().wrap(inner);
  }

  /** The isolation with what a runner JVM must see; the runner jar is added by the caller. */
  private IsolatedCommand view() {
    IsolatedCommand c = new IsolatedCommand(settings.isolation()).tmpfs(BOX, BOX_BYTES);
    if (bwrap()) {
      c.chdir(BOX);
    }
    try (DirectoryStream<Path> etc = Files.newDirectoryStream(Path.of("/etc"), "java-*")) {
      for (Path p : etc) {
        c.exposeIfPresent(p.toString());
      }
    } catch (IOException e) {
      // no JDK config under /etc on this machine
    }
    c.exposeIfPresent(realPath(Path.of(settings.javaPath()).toAbsolutePath().getParent().getParent()));
    return c;
  }

  String describe() {
    return settings.isolation().describe();
  }

  private static String realPath(Path p) {
    try {
      return p.toRealPath().toString();
    } catch (IOException e) {
      return p.toString();
    }
  }
}

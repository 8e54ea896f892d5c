package dev.assay.sandbox.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one command builder: what every backend's runner is wrapped in, per isolation kind. */
class IsolatedCommandTest {
  private static Isolation iso(String kind, int uid) {
    return new Isolation(kind, false, false, false, uid, "");
  }

  @Test
  void bwrapGetsEveryNamespaceNoCapabilitiesAndAReadOnlyRoot() {
    IsolatedCommand c = new IsolatedCommand(iso("bwrap", 65534)).tmp(1 << 20)
        .tmpfs("/box", 2 << 20).chdir("/box");
    String inner = c.expose(Path.of("/opt/runner.jar"), "/runner/runner.jar");
    List<String> cmd = c.wrap(List.of("prog", inner));
    String line = String.join(" ", cmd);
    assertThat(cmd.subList(0, 3)).containsExactly("/usr/bin/env", "-i", "/bin/sh");
    assertThat(line).contains("--reuid=65534", "--no-new-privs", "--unshare-all",
        "--disable-userns", "--cap-drop ALL", "--as-pid-1", "--die-with-parent",
        "--size 1048576 --tmpfs /tmp", "--size 2097152 --tmpfs /box", "--chdir /box",
        "--ro-bind /opt/runner.jar /runner/runner.jar", "--clearenv");
    assertThat(line).endsWith("--remount-ro / prog /runner/runner.jar");
    assertThat(line.indexOf("/usr/bin/setpriv")).isPositive().isLessThan(line.indexOf("/usr/bin/bwrap"));
  }

  @Test
  void unshareAndNoneUseHostPathsAndAClearedEnvironment() {
    IsolatedCommand u = new IsolatedCommand(iso("unshare", -1));
    String script = u.expose(Path.of("/tmp/x/pyrunner.py"), "/runner/pyrunner.py");
    assertThat(script).isEqualTo("/tmp/x/pyrunner.py");
    String line = String.join(" ", u.wrap(List.of("python3", script)));
    assertThat(line).contains("/usr/bin/unshare --user --map-root-user --net --pid")
        .contains("/usr/bin/env -i").doesNotContain("setpriv").endsWith("python3 /tmp/x/pyrunner.py");
    String none = String.join(" ", new IsolatedCommand(iso("none", -1)).wrap(List.of("python3")));
    assertThat(none).doesNotContain("bwrap").doesNotContain("unshare").endsWith("python3");
  }
}

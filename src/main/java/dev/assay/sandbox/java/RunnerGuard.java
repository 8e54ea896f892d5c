package dev.assay.sandbox.java;

import java.io.FilePermission;
import java.nio.file.Path;
import java.security.AccessControlException;
import java.security.AccessController;
import java.security.AllPermission;
import java.security.CodeSource;
import java.security.Permission;
import java.security.PermissionCollection;
import java.security.Permissions;
import java.security.Policy;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.PropertyPermission;

/**
 * The runner's in-JVM guard (second line of defence; bubblewrap and cgroups are the first).
 * Runner code keeps every permission through an open {@link Policy}; candidate classes are
 * defined in a {@link ProtectionDomain} with a small static permission set, so the stack-based
 * checks of the JDK deny them System.exit, setIO, setProperty, getenv, sockets, exec, reflection
 * into other classes, file access outside the box and touching threads outside their own group.
 * {@code System.exit(n)} from candidate code is recorded (the run ends with exit code n and "did
 * not complete") instead of ending the runner. Needs {@code -Djava.security.manager=allow} on
 * Java 17; deprecated for removal, which is why the process isolation does not rely on it.
 */
@SuppressWarnings("removal")
final class RunnerGuard extends SecurityManager {
  private static final AllPermission ALL = new AllPermission();
  /**
   * Needed to touch a thread or group outside the current run's group. Candidates lack it; the
   * runner and the JDK's privileged thread factories (common pool) have it.
   */
  private static final RuntimePermission OTHER_THREADS = new RuntimePermission("modifyThreadGroup");

  private volatile RunState current;

  static RunnerGuard install() {
    Policy.setPolicy(new OpenPolicy());
    RunnerGuard guard = new RunnerGuard();
    System.setSecurityManager(guard);
    return guard;
  }

  /** The protection domain of one run's classes: read properties, use files in the box. */
  static ProtectionDomain candidateDomain(Path box) {
    Permissions p = new Permissions();
    p.add(new PropertyPermission("*", "read"));
    p.add(new FilePermission(box + "/-", "read,write,delete"));
    p.add(new FilePermission(box.toString(), "read"));
    p.add(new RuntimePermission("modifyThread"));
    p.add(new RuntimePermission("accessDeclaredMembers"));
    p.setReadOnly();
    return new ProtectionDomain(new CodeSource(null, (Certificate[]) null), p);
  }

  void begin(RunState state) {
    current = state;
  }

  void end() {
    current = null;
  }

  @Override
  public void checkExit(int status) {
    if (restricted()) {
      RunState s = current;
      if (s != null) {
        s.exitRequested(status);
      }
      throw new SecurityException("System.exit(" + status + ") ends the program here");
    }
  }

  @Override
  public void checkAccess(Thread t) {
    super.checkAccess(t);
    ThreadGroup g = t.getThreadGroup();
    if (g != null && !ownGroup(g)) {
      checkPermission(OTHER_THREADS);
    }
  }

  @Override
  public void checkAccess(ThreadGroup g) {
    super.checkAccess(g);
    if (!ownGroup(g)) {
      checkPermission(OTHER_THREADS);
    }
  }

  private boolean ownGroup(ThreadGroup g) {
    RunState s = current;
    return s != null && s.group().parentOf(g);
  }

  /** True when candidate code is on the stack (outside a privileged block). */
  private static boolean restricted() {
    try {
      AccessController.checkPermission(ALL);
      return false;
    } catch (AccessControlException e) {
      return true;
    }
  }

  /** Grants everything to every domain that has no static permissions (all but candidates). */
  private static final class OpenPolicy extends Policy {
    @Override
    public PermissionCollection getPermissions(CodeSource codesource) {
      Permissions p = new Permissions();
      p.add(ALL);
      return p;
    }

    @Override
    public PermissionCollection getPermissions(ProtectionDomain domain) {
      return getPermissions((CodeSource) null);
    }

    @Override
    public boolean implies(ProtectionDomain domain, Permission permission) {
      return true;
    }
  }
}

package dev.assay.sandbox.java;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * javac with a reused compiler context (the JDK's {@code JavacTaskPool}, the one JShell uses):
 * the symbol tables and module graph survive between compilations, which makes a warm javac
 * compile of a small class several times faster. Needs the runner JVM flag
 * {@code --add-exports jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED}; without it (or on a
 * JDK without the class) {@link #available()} is false and the caller uses plain javac.
 */
final class PooledJavac {
  private final Object pool;
  private final Method getTask;
  private final Class<?> worker;

  private PooledJavac(Object pool, Method getTask, Class<?> worker) {
    this.pool = pool;
    this.getTask = getTask;
    this.worker = worker;
  }

  static PooledJavac create() {
    try {
      Class<?> poolClass = Class.forName("com.sun.tools.javac.api.JavacTaskPool");
      Class<?> worker = Class.forName("com.sun.tools.javac.api.JavacTaskPool$Worker");
      Constructor<?> c = poolClass.getConstructor(int.class);
      Method m = poolClass.getMethod("getTask", java.io.Writer.class, JavaFileManager.class,
          DiagnosticListener.class, Iterable.class, Iterable.class, Iterable.class, worker);
      return new PooledJavac(c.newInstance(1), m, worker);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return new PooledJavac(null, null, null);
    }
  }

  boolean available() {
    return pool != null;
  }

  /** Compiles one unit; true when javac reports success. */
  Boolean compile(JavaFileManager files, DiagnosticListener<JavaFileObject> diagnostics,
      List<String> options, JavaFileObject unit) {
    Object w = Proxy.newProxyInstance(worker.getClassLoader(), new Class<?>[] {worker},
        (proxy, method, args) -> {
          if (method.getName().equals("withTask")) {
            return ((JavaCompiler.CompilationTask) args[0]).call();
          }
          return method.invoke(this, args);
        });
    try {
      return (Boolean) getTask.invoke(pool, null, files, diagnostics, options, null,
          List.of(unit), w);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

}

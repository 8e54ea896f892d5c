package dev.assay.sandbox;

import java.util.Locale;

/**
 * Languages a sandbox can run, with the limits of each one's compile step.
 *
 * <p>C++ ({@code g++ -O2 -std=c++17}), Go ({@code go build}) and Rust ({@code rustc -O}) are
 * compiled once per run request inside the sandbox, in a child of their own with the limits
 * below (CPU time of the compiler's whole process tree, a wall-clock backstop of
 * {@link SandboxSpec#WALL_BACKSTOP_FACTOR} times it, and the memory limit), separate from the
 * program's run limits; the binary then serves every test of the request and is deleted with it.
 * Python and JavaScript programs that run as programs (a {@link TestPlan}, or JavaScript at all)
 * get a syntax check in its place, so a syntax error is a {@code compile_error} too. The limits
 * are generous on purpose (a typical solution compiles in 0.3-2 s of CPU and 50-200 MB: g++
 * with {@code <bits/stdc++.h>} ~1.4 s / 200 MB, {@code go build} ~0.3 s / 50 MB, rustc ~0.5 s /
 * 170 MB) and bounded, so a compile bomb (deeply recursive templates, huge constant tables) ends
 * as {@code compile_error} with the reason {@code timeout} or {@code memory}, never a hang.
 */
public enum Language {
  PYTHON(5_000, 512),
  JAVA(0, 0),
  CPP(20_000, 1024),
  JAVASCRIPT(5_000, 512),
  GO(20_000, 1024),
  RUST(30_000, 1024);

  private final long compileTimeoutMs;
  private final int compileMemoryMb;

  Language(long compileTimeoutMs, int compileMemoryMb) {
    this.compileTimeoutMs = compileTimeoutMs;
    this.compileMemoryMb = compileMemoryMb;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** CPU-time limit of the compile (or syntax check) step, in ms; 0 when there is none. */
  public long compileTimeoutMs() {
    return compileTimeoutMs;
  }

  /** Memory limit of the compile (or syntax check) step, in MB; 0 when there is none. */
  public int compileMemoryMb() {
    return compileMemoryMb;
  }

  /** Whether a program in this language is compiled to a binary before it runs. */
  public boolean compiled() {
    return this == CPP || this == GO || this == RUST;
  }

  /**
   * Whether the runner runs this language as a program of its own (compiled or exec'd per run)
   * rather than in its warm fork-server (Python) or the JDK launcher (Java).
   */
  public boolean program() {
    return this != PYTHON && this != JAVA;
  }

  /**
   * The language named {@code s}: a wire name or a common alias ({@code c++}, {@code js},
   * {@code node}, {@code golang}, {@code rs}, {@code py}, {@code python3}).
   *
   * @throws IllegalArgumentException naming the languages when {@code s} is none of them
   */
  public static Language parse(String s) {
    String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "python", "python3", "py" -> PYTHON;
      case "java" -> JAVA;
      case "cpp", "c++", "cxx", "cc", "g++" -> CPP;
      case "javascript", "js", "node", "nodejs" -> JAVASCRIPT;
      case "go", "golang" -> GO;
      case "rust", "rs" -> RUST;
      default -> throw new IllegalArgumentException("unknown language '" + s
          + "' (python, java, cpp, javascript, go or rust)");
    };
  }
}

package dev.assay.verify.proposal;

import java.util.List;

/**
 * Limits and banned lists for {@link TaskValidator}.
 *
 * @param timeoutMs wall-time limit of one sandbox run (all inputs), default 8000
 * @param memoryMb memory limit of one run, default 256
 * @param perInputMs time limit of one call of the program, default 1000
 * @param minInputs fewest inputs a proposal must bring, default 1
 * @param runTwice run in a second process too (catches hash-seed and clock dependence),
 *     default true
 * @param bannedModules modules a proposed program may not import
 * @param bannedCalls builtins/attributes it may not name (open, input, eval, ...)
 * @param bannedEvents prefixes of Python audit events that reject it at run time
 */
public record TaskValidatorOptions(
    long timeoutMs, int memoryMb, long perInputMs, int minInputs, boolean runTwice,
    List<String> bannedModules, List<String> bannedCalls, List<String> bannedEvents) {

  public static final long DEFAULT_TIMEOUT_MS = 8_000;
  public static final int DEFAULT_MEMORY_MB = 256;
  public static final long DEFAULT_PER_INPUT_MS = 1_000;
  /** Randomness, time, network, file system, subprocess, threads, environment, introspection. */
  public static final List<String> DEFAULT_BANNED_MODULES = List.of("random", "secrets", "uuid",
      "time", "datetime", "calendar", "socket", "ssl", "http", "urllib", "requests", "ftplib",
      "smtplib", "asyncio", "selectors", "select", "os", "sys", "io", "pathlib", "shutil",
      "glob", "tempfile", "fileinput", "sqlite3", "pickle", "shelve", "marshal", "subprocess",
      "multiprocessing", "threading", "_thread", "concurrent", "signal", "ctypes", "gc",
      "inspect", "importlib", "builtins", "resource", "platform", "getpass", "pwd");
  public static final List<String> DEFAULT_BANNED_CALLS = List.of("open", "input", "eval", "exec",
      "compile", "__import__", "__builtins__", "globals", "locals", "vars", "breakpoint", "exit",
      "quit", "getenv", "environ", "popen", "_getframe", "settrace", "setprofile");
  public static final List<String> DEFAULT_BANNED_EVENTS = List.of("open", "os.", "socket.",
      "subprocess.", "shutil.", "ctypes.", "urllib.", "http.", "ftplib.", "smtplib.", "glob.",
      "tempfile.", "webbrowser.", "time.sleep", "_thread.", "random.");

  public TaskValidatorOptions {
    bannedModules = List.copyOf(bannedModules);
    bannedCalls = List.copyOf(bannedCalls);
    bannedEvents = List.copyOf(bannedEvents);
  }

  public static TaskValidatorOptions defaults() {
    return new TaskValidatorOptions(DEFAULT_TIMEOUT_MS, DEFAULT_MEMORY_MB, DEFAULT_PER_INPUT_MS,
        1, true, DEFAULT_BANNED_MODULES, DEFAULT_BANNED_CALLS, DEFAULT_BANNED_EVENTS);
  }

  public TaskValidatorOptions withBannedModules(List<String> modules) {
    return new TaskValidatorOptions(timeoutMs, memoryMb, perInputMs, minInputs, runTwice,
        modules, bannedCalls, bannedEvents);
  }

  public TaskValidatorOptions withLimits(long timeoutMs, long perInputMs) {
    return new TaskValidatorOptions(timeoutMs, memoryMb, perInputMs, minInputs, runTwice,
        bannedModules, bannedCalls, bannedEvents);
  }
}

package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.bench.JavaBench;
import dev.assay.bench.LangBench;
import dev.assay.bench.MathBench;
import dev.assay.bench.SandboxBench;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxOptions;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay bench math|sandbox|round|cluster}: throughput figures, JSON on the last line of stdout. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure throughput.",
    subcommands = {BenchCommand.MathCmd.class, BenchCommand.SandboxCmd.class, BenchCommand.RoundCmd.class,
        BenchCommand.ClusterCmd.class})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  @Command(name = "math", mixinStandardHelpOptions = true, description = "Math checks per second on MATH-500 gold answers.")
  static final class MathCmd implements Callable<Integer> {
    @Option(names = "--pairs", description = "Pairs to check (default: ${DEFAULT-VALUE})") int pairs = 20000;

    @Option(names = "--data", description = "MATH-500 JSONL (default: ${DEFAULT-VALUE})")
    Path data = Path.of("../shared/peer/math500.jsonl");

    @Override
    public Integer call() {
      if (!java.nio.file.Files.exists(data)) {
        throw AssayException.invalid(data + ": no such file (pass --data)");
      }
      JsonObject r = MathBench.run(data, pairs);
      System.out.println(r.encode());
      return ExitCodes.OK;
    }
  }

  @Command(name = "sandbox", mixinStandardHelpOptions = true, description = "Trivial programs per second through the warm pool.")
  static final class SandboxCmd implements Callable<Integer> {
    @Option(names = "--backend", description = "process, docker or java (default: ${DEFAULT-VALUE})") String backend = "process";

    @Option(names = "--runs", description = "Runs (default: ${DEFAULT-VALUE})") int runs = 2000;

    @Option(names = "--concurrency", description = "Runs at once (default: ${DEFAULT-VALUE})") int concurrency = 2;

    @Option(names = "--cold", description = "A fresh isolated process per run instead of warm runners (the baseline)") boolean cold;

    @Option(names = "--pool-size", description = "Warm runners (default: ${DEFAULT-VALUE})") int poolSize = 2;

    @Option(names = "--recycle-after", description = "Runs per runner before it is replaced"
        + " (default: ${DEFAULT-VALUE}, as the published figures; 0 = the backend's default)")
    int recycleAfter = 1000;

    @Option(names = "--lang", description = "Instead: one candidate in this language (cpp, go, rust, javascript,"
        + " python) with --tests stdin/stdout tests, compiled once; cpp also against g++ + the binary fresh in"
        + " bubblewrap per test") String lang;

    @Option(names = "--tests", description = "Tests of the --lang candidate (default: ${DEFAULT-VALUE})") int tests = 100;

    @Option(names = "--repeats", description = "Verifications of the --lang candidate (default: ${DEFAULT-VALUE})")
    int repeats = 3;

    @Override
    public Integer call() {
      SandboxOptions d = SandboxOptions.defaults();
      if (lang != null) {
        Language l;
        try {
          l = Language.parse(lang);
        } catch (IllegalArgumentException e) {
          throw dev.assay.AssayException.invalid("--lang: " + e.getMessage());
        }
        try (Cli cli = Cli.start()) {
          System.out.println(LangBench.run(cli.vertx, d.withBackend(backend, d.isolation()), l, Math.max(1, tests),
              Math.max(1, repeats)).encode());
        }
        return ExitCodes.OK;
      }
      SandboxOptions o = d.withBackend(backend, d.isolation()).withWarm(!cold)
          .withPool(poolSize, Math.max(d.maxQueue(), concurrency * 2), recycleAfter);
      try (Cli cli = Cli.start()) {
        JsonObject r = backend.equals("java")
            ? JavaBench.run(cli.vertx, o, runs, concurrency)
            : SandboxBench.run(cli.vertx, o, runs, concurrency);
        System.out.println(r.encode());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "round", mixinStandardHelpOptions = true,
      description = "End of a synthetic round resumed at its keep stage: keep, report, samples.jsonl (no model, no sandbox).")
  static final class RoundCmd implements Callable<Integer> {
    @Option(names = "--problems", description = "Problems (default: ${DEFAULT-VALUE})") int problems = 10_000;

    @Option(names = "--samples", description = "Attempts per problem (default: ${DEFAULT-VALUE})") int samples = 8;

    @Option(names = "--dir", description = "Where the database and samples go (default: a temp dir, removed after)")
    Path dir;

    @Override
    public Integer call() throws Exception {
      if (problems < 1 || problems > 10_000_000 || samples < 1 || samples > 1024) {
        throw AssayException.invalid("--problems must be in 1..10000000 and --samples in 1..1024");
      }
      Path where = dir != null ? dir : java.nio.file.Files.createTempDirectory("assay-bench-round");
      try (Cli cli = Cli.start()) {
        System.out.println(dev.assay.bench.RoundBench.run(cli.vertx, where, problems, samples).encode());
      } finally {
        if (dir == null) {
          try (var walk = java.nio.file.Files.walk(where)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "cluster", mixinStandardHelpOptions = true,
      description = "Sandbox runs a second through a cluster of W worker JVMs on loopback, each run sleeping in the sandbox.")
  static final class ClusterCmd implements Callable<Integer> {
    @Option(names = "--workers", description = "Worker JVMs, 1 to 8 (default: ${DEFAULT-VALUE})") int workers = 1;

    @Option(names = "--calls", description = "Calls timed, two sandbox runs each (default: ${DEFAULT-VALUE})") int calls = 600;

    @Option(names = "--pool", description = "Sandbox runners per worker, its capacity (default: ${DEFAULT-VALUE})") int pool = 2;

    @Option(names = "--sleep-ms", description = "What each run sleeps in the sandbox (default: ${DEFAULT-VALUE})") long sleepMs = 50;

    @Override
    public Integer call() throws Exception {
      if (workers < 1 || workers > 8 || calls < 1 || pool < 1 || pool > 64 || sleepMs < 0 || sleepMs > 10_000) {
        throw AssayException.invalid("--workers must be in 1..8, --pool in 1..64, --sleep-ms in 0..10000, --calls 1 or more");
      }
      Path dir = java.nio.file.Files.createTempDirectory("assay-bench-cluster");
      System.out.println(dev.assay.bench.ClusterBench.run(dir, workers, calls, pool, sleepMs).encode());
      try (var walk = java.nio.file.Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
      return ExitCodes.OK;
    }
  }
}

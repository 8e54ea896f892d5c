package dev.assay.loop.clean;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rough figures for the clean-data library (not a test; run by hand):
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.assay.loop.clean.CleanBench}.
 */
public final class CleanBench {
  /** This thread's CPU time in ns: the machine is shared, wall time would measure the neighbours. */
  static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  public static void main(String[] args) throws Exception {
    Path peer = Path.of(args.length > 0 ? args[0] : "../shared/peer");
    List<String> texts = new ArrayList<>();
    for (String f : List.of("gsm8k_test.jsonl", "math500.jsonl")) {
      for (String line : Files.readAllLines(peer.resolve(f))) {
        JsonObject j = new JsonObject(line);
        texts.add(j.containsKey("question") ? j.getString("question") : j.getString("problem"));
      }
    }
    for (int warm = 0; warm < 5; warm++) {
      long t0 = cpu();
      Decontaminator d = Decontaminator.load(Decontaminator.defaultBenchmarks(peer), 13);
      long t1 = cpu();
      int hits = 0;
      for (String t : texts) {
        hits += d.check(t + " and then some more words of our own").isPresent() ? 1 : 0;
      }
      long t2 = cpu();
      List<String> own = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of("problems/math.jsonl"))) {
        own.add(new JsonObject(line).getString("problem"));
      }
      int clean = 0;
      long t3 = cpu();
      for (int r = 0; r < 50; r++) {
        for (String t : own) {
          clean += d.check(t).isEmpty() ? 1 : 0;
        }
      }
      long t4 = cpu();
      System.out.printf("decontaminator (CPU time): load %d items, %d n-grams in %.0f ms; check %.1f us/text (%d/%d hit), %.1f us/clean text (%d clean)%n",
          d.items(), d.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e3 / texts.size(), hits, texts.size(),
          (t4 - t3) / 1e3 / (50 * own.size()), clean);
    }
    List<String> many = new ArrayList<>();
    for (int r = 0; r < 10; r++) {
      for (String t : texts) {
        many.add(t.replaceFirst("\\d+", String.valueOf(1000 + r)) + " round " + r);
      }
    }
    for (int warm = 0; warm < 3; warm++) {
      NearDuplicates nd = new NearDuplicates();
      long t0 = cpu();
      int near = 0;
      for (int i = 0; i < many.size(); i++) {
        near += nd.addOrMatch("t" + i, many.get(i)).isDuplicate() ? 1 : 0;
      }
      long t1 = cpu();
      Runtime rt = Runtime.getRuntime();
      System.gc();
      System.out.printf("near-duplicates (CPU time): %d texts in %.0f ms (%.1f us/text), %d duplicates, heap used %d MB%n",
          many.size(), (t1 - t0) / 1e6, (t1 - t0) / 1e3 / many.size(), near, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
    SampleFilter f = SampleFilter.compile("passRate > 0.1 && passRate < 0.9 && tokens < 2048");
    long t0 = cpu();
    int kept = 0;
    for (int i = 0; i < 1_000_000; i++) {
      kept += f.test(new SampleFields((i % 10) / 10.0, i % 4096, 100, "math", 1, false, 8, 4)) ? 1 : 0;
    }
    System.out.printf("sample filter (CPU time): %.0f ns/sample (%d kept)%n", (cpu() - t0) / 1e6, kept);
  }
}

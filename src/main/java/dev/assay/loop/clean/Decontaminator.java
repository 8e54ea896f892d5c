package dev.assay.loop.clean;

import dev.assay.AssayException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds texts (problems or solutions) that overlap a benchmark test set, by shared word n-grams
 * of {@link TextNorm normalised} text (default 13, the common practice since GPT-3).
 *
 * <p>Benchmark files are JSONL; each line's text fields are indexed separately: {@code question},
 * {@code answer} (GSM8K), {@code problem}, {@code solution} (MATH), {@code prompt}, {@code
 * canonical_solution} (HumanEval), {@code text}, {@code code} (MBPP). A field of at least n words
 * contributes all its n-grams. A shorter field (MATH-500 has 51 problems, MBPP 100 texts under 13
 * words) is indexed whole: when it has at least {@value #MIN_WINDOW} words it matches wherever it
 * appears as a run of words in a checked text, shorter ones only match a checked text equal to it.
 * Short fields are skipped if they are just an answer ({@code answer} under {@value #MIN_WINDOW}
 * words, e.g. MATH's final answers). A checked text shorter than n words therefore matches a
 * benchmark field equal to it (or containing one of ≥ {@value #MIN_WINDOW} words).
 *
 * <p>Every gram counts, even one several items share (only 287 of 186k grams in the four public
 * sets are shared, and a rule dropping them would blind the check to items duplicated within or
 * across benchmark files); for code solutions use {@link #check(String, double)}.
 *
 * <p>The index is a primitive hash table of 64-bit sequence hashes to the first item holding them:
 * the four public test sets (2,410 items, 186k n-grams) load in about 0.1 s of CPU and a check
 * costs microseconds. Immutable after {@link #load}; thread-safe.
 */
public final class Decontaminator {
  public static final int DEFAULT_N = 13;
  /** Short fields with at least this many words match anywhere in a text. */
  static final int MIN_WINDOW = 8;
  /** The usual benchmark test-set file names, in the order {@link #defaultBenchmarks} returns them. */
  public static final List<String> DEFAULT_FILES =
      List.of("gsm8k_test.jsonl", "math500.jsonl", "humaneval.jsonl", "mbpp.jsonl");

  private static final List<String> FIELDS =
      List.of("question", "problem", "prompt", "text", "answer", "solution", "canonical_solution", "code");
  private static final List<String> ID_FIELDS = List.of("task_id", "unique_id", "id", "idx");

  /** A contamination hit: the benchmark (file name without .jsonl), the item and the shared words. */
  public record Hit(String benchmark, String itemId, String ngram) {
    /** {@code gsm8k_test line 1: "janet s ducks ..."}, for a drop's detail. */
    public String describe() {
      return benchmark + " " + itemId + ": \"" + ngram + "\"";
    }
  }

  private final int n;
  private final LongIntMap index;
  private final List<String> itemIds;
  private final List<String> itemBenchmarks;
  private final int[] windows;

  private Decontaminator(int n, LongIntMap index, List<String> ids, List<String> benchmarks, int[] windows) {
    this.n = n;
    this.index = index;
    this.itemIds = ids;
    this.itemBenchmarks = benchmarks;
    this.windows = windows;
  }

  /** Those of {@link #DEFAULT_FILES} that exist in {@code dir} (none is an error). */
  public static List<Path> defaultBenchmarks(Path dir) {
    return DEFAULT_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
  }

  /**
   * Reads the benchmark files and indexes their n-grams.
   *
   * @throws AssayException CONFIG when n &lt; 1, a file cannot be read, a line is not a JSON
   *     object, or a file has no item with a known text field (naming the file and line)
   */
  public static Decontaminator load(List<Path> benchmarks, int n) {
    if (n < 1) {
      throw AssayException.config("decontamination n-gram size must be at least 1: " + n);
    }
    LongIntMap index = new LongIntMap(1 << 16);
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    TreeSet<Integer> shortLengths = new TreeSet<>();
    for (Path file : benchmarks) {
      String name = benchmarkName(file);
      int before = ids.size();
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        int lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          JsonObject item = parse(file, lineNo, line);
          int itemIdx = ids.size();
          if (indexItem(item, n, itemIdx, index, shortLengths)) {
            ids.add(itemId(item, lineNo));
            names.add(name);
          }
        }
      } catch (IOException e) {
        throw new AssayException(dev.assay.ErrorKind.CONFIG,
            "decontamination benchmark " + file + ": cannot read: " + e.getMessage(), e);
      }
      if (ids.size() == before) {
        throw AssayException.config("decontamination benchmark " + file
            + ": no item has a text field (" + String.join(", ", FIELDS) + ")");
      }
    }
    TreeSet<Integer> win = new TreeSet<>(shortLengths.tailSet(Math.min(MIN_WINDOW, n)));
    win.add(n);
    return new Decontaminator(n, index, ids, names, win.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The first benchmark n-gram {@code text} shares (scanning the text from its start), or empty.
   * Null or word-less text never matches. Use for problems and natural-language solutions.
   */
  public Optional<Hit> check(String text) {
    return check(text, 0);
  }

  /**
   * Like {@link #check(String)}, but a hit only when at least {@code minCoverage} of the text's
   * word positions start a benchmark n-gram. Code solutions share idioms with benchmark solutions
   * (a bubble sort's inner loop, a trial-division prime test are 13 "words" of code), so one shared
   * n-gram is weak evidence there; a copied benchmark solution covers nearly all of its positions.
   * With {@code minCoverage <= 0} this is {@link #check(String)}.
   */
  public Optional<Hit> check(String text, double minCoverage) {
    Scan s = scan(text, minCoverage <= 0);
    return s.first != null && s.coverage() >= minCoverage ? Optional.of(s.first) : Optional.empty();
  }

  /** The fraction of the text's word positions (windows of n words) that start a benchmark n-gram, in [0, 1]. */
  public double coverage(String text) {
    return scan(text, false).coverage();
  }

  private record Scan(Hit first, int hits, int positions) {
    double coverage() {
      return positions == 0 ? 0 : (double) hits / positions;
    }
  }

  private Scan scan(String text, boolean stopAtFirst) {
    if (index.size() == 0) {
      return new Scan(null, 0, 0); // no benchmark: nothing to find, no need to split the text
    }
    List<String> words = TextNorm.words(text);
    if (words.isEmpty()) {
      return new Scan(null, 0, 0);
    }
    long[] w = Hashes.words(words);
    if (w.length < MIN_WINDOW) {
      Optional<Hit> whole = lookup(words, w, 0, w.length);
      if (whole.isPresent()) {
        return new Scan(whole.get(), 1, 1);
      }
    }
    Hit first = null;
    int hits = 0;
    int longest = windows[windows.length - 1];
    for (int i = 0; i < w.length; i++) {
      long h = Hashes.START;
      int next = 0;
      for (int len = 1; len <= longest && i + len <= w.length; len++) {
        h = Hashes.step(h, w[i + len - 1]);
        if (len != windows[next]) {
          continue;
        }
        next++;
        int item = index.get(Hashes.finish(h, len));
        if (item >= 0) {
          first = first == null ? hit(words, item, i, len) : first;
          hits++;
          break;
        }
      }
      if (first != null && stopAtFirst) {
        break;
      }
    }
    return new Scan(first, hits, Math.max(1, w.length - Math.min(n, w.length) + 1));
  }

  /** How many distinct n-grams (and whole short fields) are indexed. */
  public int size() {
    return index.size();
  }

  /** How many benchmark items were loaded. */
  public int items() {
    return itemIds.size();
  }

  public int n() {
    return n;
  }

  private Optional<Hit> lookup(List<String> words, long[] w, int from, int len) {
    int item = index.get(Hashes.seq(w, from, len));
    return item < 0 ? Optional.empty() : Optional.of(hit(words, item, from, len));
  }

  private Hit hit(List<String> words, int item, int from, int len) {
    String ngram = String.join(" ", words.subList(from, from + len));
    return new Hit(itemBenchmarks.get(item), itemIds.get(item), ngram);
  }

  /** Indexes the item's text fields; returns whether it had any. */
  private static boolean indexItem(JsonObject item, int n, int itemIdx, LongIntMap index, TreeSet<Integer> shortLengths) {
    boolean any = false;
    for (String field : FIELDS) {
      if (!(item.getValue(field) instanceof String s)) {
        continue;
      }
      long[] w = Hashes.words(TextNorm.words(s));
      if (w.length == 0 || (w.length < MIN_WINDOW && field.equals("answer"))) {
        continue;
      }
      any = true;
      if (w.length < n) {
        index.putIfAbsent(Hashes.seq(w, 0, w.length), itemIdx);
        shortLengths.add(w.length);
        continue;
      }
      for (int i = 0; i + n <= w.length; i++) {
        index.putIfAbsent(Hashes.seq(w, i, n), itemIdx);
      }
    }
    return any;
  }

  private static JsonObject parse(Path file, int lineNo, String line) {
    try {
      return new JsonObject(line);
    } catch (DecodeException | ClassCastException e) {
      throw AssayException.config("decontamination benchmark " + file + " line " + lineNo + ": not a JSON object");
    }
  }

  private static String itemId(JsonObject item, int lineNo) {
    for (String f : ID_FIELDS) {
      Object v = item.getValue(f);
      if (v != null) {
        return String.valueOf(v);
      }
    }
    return "line " + lineNo;
  }

  static String benchmarkName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
  }
}

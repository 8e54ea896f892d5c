package dev.assay.loop.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exact and near-duplicate detection for problem texts, within a round and across rounds (add the
 * earlier rounds' problems first).
 *
 * <p>Exact: equal {@link TextNorm#normalise normalised} text. Near: Jaccard similarity of the
 * sets of word shingles (runs of {@code shingle} consecutive normalised words; a text shorter than
 * that is one shingle) at least {@code threshold}. Candidates come from MinHash ({@value #PERMUTATIONS}
 * seeded hash functions) with LSH banding, so adding n texts costs about O(n), not O(n²); each
 * candidate is then confirmed with its exact Jaccard similarity, so a reported NEAR is never an
 * estimate. Bands are sized so that a pair at exactly the threshold becomes a candidate with
 * probability ≥ 99.99% (threshold 0.8: 25 bands of 5 rows); pairs above it are found with higher probability.
 *
 * <p>Default shingle: {@value #DEFAULT_SHINGLE} words. With 3-word shingles a one-word change in
 * the middle of a text of w words removes 3 shingles and adds 3, giving Jaccard (w-5)/(w+1): a
 * 40-word GSM8K question with one number changed scores 0.85, above the default threshold 0.8,
 * while two different problems sharing a template phrase stay far below it. Longer shingles make
 * one changed word cost more (5-word: (w-9)/(w+1) = 0.76 at 40 words).
 *
 * <p>Thread-safe (methods are synchronized). Memory per added text: its sorted shingle hashes (8
 * bytes each) and about 30 bytes per band in a primitive bucket table (≈1 KB for a GSM8K-sized
 * problem), so 100k problems fit in ~100 MB.
 */
public final class NearDuplicates {
  public static final double DEFAULT_THRESHOLD = 0.8;
  public static final int DEFAULT_SHINGLE = 3;
  public static final long DEFAULT_SEED = 0x5eed_a55a7L;
  static final int PERMUTATIONS = 128;

  /** What a text matched. */
  public record Match(Kind kind, String otherId, double similarity) {
    static final Match NONE = new Match(Kind.NONE, "", 0);

    public enum Kind {
      EXACT,
      NEAR,
      NONE
    }

    public boolean isDuplicate() {
      return kind != Kind.NONE;
    }
  }

  private final double threshold;
  private final int shingle;
  private final long[] mulA;
  private final long[] addB;
  private final int rows;
  private final int bands;
  private final Map<Long, String> exact = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private final List<long[]> shingles = new ArrayList<>();
  /** (band, band key) -> the latest text in that bucket; {@code chain} links to the previous one. */
  private final LongIntMap heads = new LongIntMap(1 << 12);
  private int[] chain = new int[1 << 10];

  /** Defaults: threshold 0.8, 3-word shingles, a fixed seed. */
  public NearDuplicates() {
    this(DEFAULT_THRESHOLD, DEFAULT_SHINGLE, DEFAULT_SEED);
  }

  /**
   * @param threshold Jaccard similarity in (0, 1] at or above which two texts are near duplicates
   * @param shingle words per shingle, ≥ 1
   * @param seed seeds the MinHash functions (results do not depend on it beyond LSH misses)
   * @throws IllegalArgumentException on a threshold outside (0, 1] or a shingle below 1
   */
  public NearDuplicates(double threshold, int shingle, long seed) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("near-duplicate threshold must be in (0, 1]: " + threshold);
    }
    if (shingle < 1) {
      throw new IllegalArgumentException("shingle must be at least 1 word: " + shingle);
    }
    this.threshold = threshold;
    this.shingle = shingle;
    this.mulA = new long[PERMUTATIONS];
    this.addB = new long[PERMUTATIONS];
    for (int i = 0; i < PERMUTATIONS; i++) {
      mulA[i] = Hashes.mix(seed + 0x9e3779b97f4a7c15L * (2 * i + 1)) | 1L;
      addB[i] = Hashes.mix(seed + 0x9e3779b97f4a7c15L * (2 * i + 2));
    }
    this.rows = rowsPerBand(threshold);
    this.bands = PERMUTATIONS / rows;
  }

  /**
   * Adds {@code text} under {@code id} unless it is an exact or near duplicate of a text already
   * added; returns that match (the most similar one, earliest added on ties) or NONE when added.
   */
  public synchronized Match addOrMatch(String id, String text) {
    List<String> words = TextNorm.words(text);
    long key = exactKey(words);
    long[] sh = shingleSet(words);
    long[] bandKeys = bandKeys(sh);
    Match m = find(key, sh, bandKeys);
    if (m.kind() != Match.Kind.NONE) {
      return m;
    }
    int idx = ids.size();
    ids.add(id);
    shingles.add(sh);
    exact.put(key, id);
    if ((idx + 1) * bands > chain.length) {
      chain = Arrays.copyOf(chain, Math.max(chain.length * 2, (idx + 1) * bands));
    }
    for (int b = 0; b < bands; b++) {
      chain[idx * bands + b] = heads.put(bandKeys[b], idx);
    }
    return m;
  }

  /** What {@code text} would match, without adding it. */
  public synchronized Match match(String text) {
    List<String> words = TextNorm.words(text);
    long[] sh = shingleSet(words);
    return find(exactKey(words), sh, bandKeys(sh));
  }

  /** How many texts have been added. */
  public synchronized int size() {
    return ids.size();
  }

  private Match find(long key, long[] sh, long[] bandKeys) {
    String same = exact.get(key);
    if (same != null) {
      return new Match(Match.Kind.EXACT, same, 1.0);
    }
    int best = -1;
    double bestSim = -1;
    Set<Integer> seen = new HashSet<>();
    for (int b = 0; b < bands; b++) {
      for (int idx = heads.get(bandKeys[b]); idx >= 0; idx = chain[idx * bands + b]) {
        if (!seen.add(idx)) {
          continue;
        }
        double sim = jaccard(sh, shingles.get(idx));
        if (sim >= threshold && (sim > bestSim || (sim == bestSim && idx < best))) {
          best = idx;
          bestSim = sim;
        }
      }
    }
    return best < 0 ? Match.NONE : new Match(Match.Kind.NEAR, ids.get(best), bestSim);
  }

  private static long exactKey(List<String> words) {
    return Hashes.seq(Hashes.words(words), 0, words.size());
  }

  /** Sorted distinct shingle hashes; a text shorter than a shingle is one shingle. */
  private long[] shingleSet(List<String> words) {
    long[] w = Hashes.words(words);
    int len = Math.min(shingle, w.length);
    int count = w.length - len + 1;
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = Hashes.seq(w, i, len);
    }
    Arrays.sort(out);
    return dedupSorted(out);
  }

  private long[] bandKeys(long[] sh) {
    long[] sig = new long[PERMUTATIONS];
    Arrays.fill(sig, Long.MAX_VALUE);
    for (long s : sh) {
      for (int i = 0; i < PERMUTATIONS; i++) {
        // multiply-add hashing of an already well-mixed shingle hash; compared by its high bits
        long h = mulA[i] * s + addB[i];
        if (h < sig[i]) {
          sig[i] = h;
        }
      }
    }
    long[] keys = new long[bands];
    for (int b = 0; b < bands; b++) {
      keys[b] = Hashes.mix(Hashes.seq(sig, b * rows, rows) + 0x9e3779b97f4a7c15L * (b + 1));
    }
    return keys;
  }

  /** The most rows per band (fewest false candidates) that still catch a pair at the threshold with p ≥ 0.9999. */
  static int rowsPerBand(double threshold) {
    int best = 1;
    for (int r = 1; r <= PERMUTATIONS; r++) {
      int b = PERMUTATIONS / r;
      double p = 1 - Math.pow(1 - Math.pow(threshold, r), b);
      if (p >= 0.9999) {
        best = r;
      }
    }
    return best;
  }

  static double jaccard(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = a.length + b.length - common;
    return union == 0 ? 1.0 : (double) common / union;
  }

  /** A sorted array without repeats (the same array when it has none). */
  static long[] dedupSorted(long[] a) {
    if (a.length == 0) {
      return a;
    }
    int n = 1;
    for (int i = 1; i < a.length; i++) {
      if (a[i] != a[n - 1]) {
        a[n++] = a[i];
      }
    }
    return n == a.length ? a : Arrays.copyOf(a, n);
  }
}

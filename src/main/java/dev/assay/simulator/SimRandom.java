package dev.assay.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Stable randomness for the simulator: an RNG seeded by a SHA-256 of named parts. */
final class SimRandom {
  private SimRandom() {}

  /** A fresh RNG that depends only on {@code parts} (never on time or call order). */
  static SplittableRandom of(Object... parts) {
    return new SplittableRandom(hash(parts));
  }

  static long hash(Object... parts) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Object part : parts) {
      byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
      sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) ':');
      sha.update(bytes);
    }
    byte[] d = sha.digest();
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }

  static int between(SplittableRandom rng, int lo, int hiInclusive) {
    return lo + rng.nextInt(hiInclusive - lo + 1);
  }

  static <T> T pick(SplittableRandom rng, T[] items) {
    return items[rng.nextInt(items.length)];
  }

  /** Collapses whitespace: the key under which problems are known. */
  static String normalise(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }
}

package dev.assay.loop.clean;

import java.util.List;

/** 64-bit hashing of words and word sequences (not cryptographic, but well mixed). */
final class Hashes {
  private Hashes() {}

  /** SplitMix64 finaliser: a bijection on longs with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** FNV-1a over the UTF-16 chars, then mixed. */
  static long word(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  static long[] words(List<String> words) {
    long[] out = new long[words.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = word(words.get(i));
    }
    return out;
  }

  /** The hash of the word sequence {@code w[from, from + len)}; the length is part of the hash. */
  static long seq(long[] w, int from, int len) {
    long h = START;
    for (int i = from; i < from + len; i++) {
      h = step(h, w[i]);
    }
    return finish(h, len);
  }

  /** Incremental form of {@link #seq}: {@code finish(step(..step(START, w0).., wk), k + 1)}. */
  static final long START = 0x243f6a8885a308d3L;

  static long step(long h, long word) {
    return mix(h * 31 + word);
  }

  static long finish(long h, int len) {
    return mix(h ^ (len * 0x9e3779b97f4a7c15L));
  }
}

package dev.assay.loop;

import dev.assay.loop.core.Problem;

/** Sampling seeds derived from the round seed and what is asked, never from request order. */
final class Seeds {
  private Seeds() {}

  static long of(long roundSeed, String what, String id) {
    return Long.parseUnsignedLong(Problem.hash(roundSeed + "\n" + what + "\n" + id).substring(0, 15), 16);
  }
}

package dev.assay.loop.clean;

import java.util.Arrays;

/** An open-addressing map from long to a non-negative int (linear probing, load ≤ 1/2). */
final class LongIntMap {
  private static final int EMPTY = -1;
  private long[] keys;
  private int[] values;
  private int size;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(values, EMPTY);
  }

  /** Puts {@code value} unless the key is present; returns whether it was added. */
  boolean putIfAbsent(long key, int value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = (int) Hashes.mix(key) & mask; ; i = (i + 1) & mask) {
      if (values[i] == EMPTY) {
        keys[i] = key;
        values[i] = value;
        size++;
        return true;
      }
      if (keys[i] == key) {
        return false;
      }
    }
  }

  /** Puts {@code value} (replacing any); returns the previous value or -1. */
  int put(long key, int value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = (int) Hashes.mix(key) & mask; ; i = (i + 1) & mask) {
      if (values[i] == EMPTY) {
        keys[i] = key;
        values[i] = value;
        size++;
        return EMPTY;
      }
      if (keys[i] == key) {
        int old = values[i];
        values[i] = value;
        return old;
      }
    }
  }

  /** The value for {@code key}, or -1. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int i = (int) Hashes.mix(key) & mask; ; i = (i + 1) & mask) {
      if (values[i] == EMPTY) {
        return EMPTY;
      }
      if (keys[i] == key) {
        return values[i];
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(values, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != EMPTY) {
        putIfAbsent(oldKeys[i], oldValues[i]);
      }
    }
  }
}

package dev.assay.loop.clean;

import dev.assay.AssayException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An interval of pass rates, e.g. the learnability band: keep problems neither trivial nor
 * impossible. Written as in mathematics: {@code (0, 1)} open, {@code [0.1, 0.9]} closed, mixed
 * brackets allowed.
 */
public record Band(double low, double high, boolean lowInclusive, boolean highInclusive) {
  /** {@code (0, 1)}: at least one sample passed and at least one failed. */
  public static final Band LEARNABLE = new Band(0, 1, false, false);

  private static final Pattern FORM = Pattern.compile(
      "\\s*([(\\[])\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*,"
          + "\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([)\\]])\\s*");

  public Band {
    if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
      throw AssayException.config("band: low must not exceed high: " + low + ", " + high);
    }
  }

  /**
   * Parses {@code "(0,1)"}, {@code "[0.1, 0.9]"}, {@code "(0, 1]"}.
   *
   * @throws AssayException CONFIG {@code band '<s>': ...} when malformed or low &gt; high
   */
  public static Band parse(String s) {
    Matcher m = FORM.matcher(s == null ? "" : s);
    if (!m.matches()) {
      throw AssayException.config("band '" + s + "': expected (low, high) or [low, high], e.g. (0, 1)");
    }
    double low = Double.parseDouble(m.group(2));
    double high = Double.parseDouble(m.group(3));
    if (low < 0 || high > 1) {
      throw AssayException.config("band '" + s + "': a pass-rate band lies within 0..1");
    }
    if (low > high) {
      throw AssayException.config("band '" + s + "': low " + low + " exceeds high " + high);
    }
    return new Band(low, high, m.group(1).equals("["), m.group(4).equals("]"));
  }

  /** Whether {@code v} lies in the band (NaN never does). */
  public boolean contains(double v) {
    boolean aboveLow = lowInclusive ? v >= low : v > low;
    boolean belowHigh = highInclusive ? v <= high : v < high;
    return aboveLow && belowHigh;
  }

  /** Whether the pass rate {@code passed / samples} lies in the band; a problem without samples never does. */
  public boolean containsRate(int passed, int samples) {
    return samples > 0 && contains((double) passed / samples);
  }

  @Override
  public String toString() {
    return (lowInclusive ? "[" : "(") + fmt(low) + ", " + fmt(high) + (highInclusive ? "]" : ")");
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}

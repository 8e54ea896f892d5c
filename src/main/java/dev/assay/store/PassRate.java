package dev.assay.store;

/** How many of a problem's verified sample attempts passed. */
public record PassRate(int passed, int total) {
  public double rate() {
    return total == 0 ? 0 : (double) passed / total;
  }
}

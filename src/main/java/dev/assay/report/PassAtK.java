package dev.assay.report;

/**
 * The unbiased pass@k estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained
 * on Code"): with n samples of which c pass, pass@k = 1 - C(n-c, k) / C(n, k), computed as the
 * numerically stable product 1 - Π_{i=n-c+1..n} (1 - k/i).
 */
public final class PassAtK {
  private PassAtK() {}

  /**
   * @throws IllegalArgumentException unless 0 ≤ c ≤ n and 1 ≤ k ≤ n
   */
  public static double estimate(int n, int c, int k) {
    if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
      throw new IllegalArgumentException("pass@k needs 0 <= c <= n and 1 <= k <= n: n=" + n + " c=" + c + " k=" + k);
    }
    if (n - c < k) {
      return 1.0;
    }
    double fail = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      fail *= 1.0 - (double) k / i;
    }
    return 1.0 - fail;
  }
}

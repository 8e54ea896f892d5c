package dev.assay.loop.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SolutionPickerTest {
  record Sol(int idx, String text) {}

  static final Function<Sol, String> TEXT = Sol::text;

  @Test
  void atMostMaxAndNeverTwoEqualTexts() {
    List<Sol> s = List.of(new Sol(0, "x = 1\nreturn x"), new Sol(1, "X = 1   return X"), new Sol(2, "x = 1\nreturn x"));
    assertThat(SolutionPicker.pick(s, TEXT, 5)).extracting(Sol::idx).containsExactly(0);
    assertThat(SolutionPicker.pick(s, TEXT, 0)).isEmpty();
    assertThat(SolutionPicker.pick(List.<Sol>of(), TEXT, 3)).isEmpty();
  }

  @Test
  void prefersTheMostDifferentSolutions() {
    List<Sol> s = List.of(
        new Sol(0, "total = a + b; return total"),
        new Sol(1, "total = a + b; return total # done"),
        new Sol(2, "the sum of a and b is computed by adding them, so the answer is 12"),
        new Sol(3, "total = a + b; print(total); return total"),
        new Sol(4, "we add a to b which gives 12; the answer is 12"));
    assertThat(SolutionPicker.pick(s, TEXT, 2)).extracting(Sol::idx).containsExactly(0, 2);
    assertThat(SolutionPicker.pick(s, TEXT, 3)).extracting(Sol::idx).containsExactly(0, 2, 4);
    assertThat(SolutionPicker.pick(s, TEXT, 5)).hasSize(5);
  }

  @Test
  void deterministicAndInInputOrder() {
    List<Sol> s = java.util.stream.IntStream.range(0, 30)
        .mapToObj(i -> new Sol(i, "step " + (i % 7) + " then " + (i % 5) + " gives " + i))
        .toList();
    List<Sol> first = SolutionPicker.pick(s, TEXT, 6);
    assertThat(first).hasSize(6).isEqualTo(SolutionPicker.pick(s, TEXT, 6));
    assertThat(first).extracting(Sol::idx).isSorted().startsWith(0);
  }
}

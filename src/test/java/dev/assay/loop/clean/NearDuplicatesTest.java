package dev.assay.loop.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.loop.clean.NearDuplicates.Match;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {
  static final Pattern NUMBER = Pattern.compile("\\d+");

  static List<JsonObject> jsonl(Path p) throws IOException {
    return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
  }

  /** The text with its first number increased by one. */
  static String changeFirstNumber(String s) {
    Matcher m = NUMBER.matcher(s);
    assertThat(m.find()).isTrue();
    return s.substring(0, m.start()) + (Long.parseLong(m.group()) + 1) + s.substring(m.end());
  }

  @Test
  void gsm8kQuestionAndItsParaphraseWithOneNumberChangedAreNear() throws IOException {
    String q = jsonl(Path.of("../shared/peer/gsm8k_test.jsonl")).get(0).getString("question");
    String paraphrase = q.replace("16 eggs", "18 eggs");
    assertThat(paraphrase).isNotEqualTo(q);
    NearDuplicates nd = new NearDuplicates();
    assertThat(nd.addOrMatch("gsm8k-1", q).kind()).isEqualTo(Match.Kind.NONE);
    Match m = nd.addOrMatch("proposed-7", paraphrase);
    assertThat(m.kind()).isEqualTo(Match.Kind.NEAR);
    assertThat(m.otherId()).isEqualTo("gsm8k-1");
    assertThat(m.similarity()).isBetween(0.8, 0.99);
    assertThat(nd.size()).isEqualTo(1);
  }

  @Test
  void differentSeedProblemsAreNotDuplicates() throws IOException {
    NearDuplicates nd = new NearDuplicates();
    for (JsonObject p : jsonl(Path.of("problems/math.jsonl"))) {
      assertThat(nd.addOrMatch(p.getString("id"), p.getString("problem"))).as(p.getString("id")).isEqualTo(Match.NONE);
    }
    assertThat(nd.size()).isEqualTo(40);
  }

  @Test
  void whitespaceAndCaseVariantIsExact() {
    NearDuplicates nd = new NearDuplicates();
    nd.addOrMatch("a", "A bakery bakes 14 trays of rolls.");
    assertThat(nd.match("  a BAKERY\tbakes 14 trays  of rolls ")).isEqualTo(new Match(Match.Kind.EXACT, "a", 1.0));
    assertThat(nd.match("A bakery bakes 15 trays of rolls.").kind()).isNotEqualTo(Match.Kind.EXACT);
  }

  @Test
  void matchDoesNotAddAndShortTextsWork() {
    NearDuplicates nd = new NearDuplicates();
    assertThat(nd.match("What is 2+3?")).isEqualTo(Match.NONE);
    assertThat(nd.size()).isZero();
    assertThat(nd.addOrMatch("x", "2+3").kind()).isEqualTo(Match.Kind.NONE);
    assertThat(nd.addOrMatch("y", "2 + 3 ?").kind()).isEqualTo(Match.Kind.EXACT);
    assertThat(nd.addOrMatch("z", "2+4").kind()).isEqualTo(Match.Kind.NONE);
  }

  /** LSH must not lose pairs: over all of GSM8K, every longer question with one number changed finds its original. */
  @Test
  void everyLongGsm8kParaphraseFindsItsOriginalAmongAll() throws IOException {
    List<JsonObject> qs = jsonl(Path.of("../shared/peer/gsm8k_test.jsonl"));
    NearDuplicates nd = new NearDuplicates();
    List<String> added = new java.util.ArrayList<>();
    for (int i = 0; i < qs.size(); i++) {
      if (nd.addOrMatch("g" + i, qs.get(i).getString("question")).kind() == Match.Kind.NONE) {
        added.add("g" + i);
      }
    }
    assertThat(added.size()).as("GSM8K test questions are nearly all distinct").isGreaterThan(1300);
    int checked = 0;
    for (String id : added) {
      String q = qs.get(Integer.parseInt(id.substring(1))).getString("question");
      if (TextNorm.words(q).size() < 40 || !NUMBER.matcher(q).find()) {
        continue;
      }
      String changed = changeFirstNumber(q);
      if (shingleJaccard(q, changed) < NearDuplicates.DEFAULT_THRESHOLD) {
        continue; // repeated phrases: truly below the threshold, not an LSH miss
      }
      Match m = nd.match(changed);
      assertThat(m.kind()).as(id).isEqualTo(Match.Kind.NEAR);
      assertThat(m.otherId()).as(id).isEqualTo(id);
      assertThat(m.similarity()).as(id).isEqualTo(shingleJaccard(q, changed));
      checked++;
    }
    assertThat(checked).isGreaterThan(500);
  }

  @Test
  void thresholdAndShingleAreConfigurable() {
    String a = "one two three four five six seven eight nine ten";
    String b = "one two three four five six seven eight nine eleven";
    // 3-word shingles: 8 each, 7 shared: Jaccard 7/9 = 0.78
    assertThat(both(new NearDuplicates(0.8, 3, 1), a, b).kind()).isEqualTo(Match.Kind.NONE);
    assertThat(both(new NearDuplicates(0.75, 3, 1), a, b)).isEqualTo(new Match(Match.Kind.NEAR, "a", 7.0 / 9));
    // 1-word shingles: 10 each, 9 shared: Jaccard 9/11 = 0.82
    assertThat(both(new NearDuplicates(0.8, 1, 1), a, b).kind()).isEqualTo(Match.Kind.NEAR);
    assertThatThrownBy(() -> new NearDuplicates(0, 3, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NearDuplicates(0.8, 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bandsCatchAPairAtTheThreshold() {
    for (double t : new double[] {0.5, 0.7, 0.8, 0.9, 0.95, 1.0}) {
      int r = NearDuplicates.rowsPerBand(t);
      int b = NearDuplicates.PERMUTATIONS / r;
      assertThat(1 - Math.pow(1 - Math.pow(t, r), b)).as("t=" + t).isGreaterThanOrEqualTo(0.9999);
    }
    assertThat(NearDuplicates.rowsPerBand(0.8)).isGreaterThan(1);
  }

  private static Match both(NearDuplicates nd, String a, String b) {
    assertThat(nd.addOrMatch("a", a).kind()).isEqualTo(Match.Kind.NONE);
    return nd.addOrMatch("b", b);
  }

  /** Jaccard similarity of 3-word shingle sets, computed directly on strings. */
  static double shingleJaccard(String a, String b) {
    java.util.Set<String> x = shingles(a);
    java.util.Set<String> y = shingles(b);
    java.util.Set<String> common = new java.util.HashSet<>(x);
    common.retainAll(y);
    return (double) common.size() / (x.size() + y.size() - common.size());
  }

  static java.util.Set<String> shingles(String s) {
    List<String> w = TextNorm.words(s);
    java.util.Set<String> out = new java.util.HashSet<>();
    for (int i = 0; i + 3 <= w.size(); i++) {
      out.add(String.join(" ", w.subList(i, i + 3)));
    }
    return out;
  }
}

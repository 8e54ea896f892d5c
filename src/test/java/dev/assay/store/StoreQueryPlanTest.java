package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statement the store runs (the contract's workload exercises them all) finds its rows
 * through an index: {@code EXPLAIN QUERY PLAN} never shows a full scan of a table that grows with a
 * round (problems, attempts, verdicts, solves, kept, keep drops, proposals).
 */
class StoreQueryPlanTest extends StoreContract {
  private static final Set<String> GROWING = Set.of("problems", "attempts", "verdicts", "solves", "kept", "keep_drops",
      "proposals", "problem_scores", "model_failures", "keeps", "keep_tally");
  private static final Pattern FULL_SCAN = Pattern.compile("^SCAN (\\w+)( AS \\w+)?$");
  @TempDir Path dir;
  private final List<Db> open = new ArrayList<>();
  private static final Set<String> SEEN = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

  @Override
  Store store() {
    Db.trace = SEEN::add;
    Db db = Db.open(dir.resolve("p" + open.size() + ".db"));
    open.add(db);
    return Jdbc.store(db);
  }

  @AfterEach
  void explainEverything() throws Exception {
    Db.trace = null;
    open.forEach(Db::close);
    Db.open(dir.resolve("explain.db")).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("explain.db"))) {
      for (String sql : SEEN) {
        String s = sql.strip().toUpperCase(java.util.Locale.ROOT);
        if (!(s.startsWith("SELECT") || s.startsWith("UPDATE") || s.startsWith("DELETE") || s.startsWith("INSERT"))) {
          continue;
        }
        try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
          for (int i = 1; i <= p.getParameterMetaData().getParameterCount(); i++) {
            p.setObject(i, null);
          }
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              String detail = r.getString(4);
              Matcher m = FULL_SCAN.matcher(detail);
              if (m.matches()) {
                String table = tableOf(sql, m.group(1));
                assertThat(GROWING).as("full scan of %s in: %s", table, sql).doesNotContain(table);
              }
            }
          }
        }
      }
    }
  }

  /** The table behind an alias in the statement ("attempts a" -> attempts). */
  private static String tableOf(String sql, String name) {
    Matcher m = Pattern.compile("(?i)\\b(\\w+)\\s+(?:AS\\s+)?" + name + "\\b").matcher(sql);
    while (m.find()) {
      if (GROWING.contains(m.group(1))) {
        return m.group(1);
      }
    }
    return name;
  }

  @Test
  void theStatementsOfTheLoopAreAmongThoseExplained() {
    StoreContract.await(store().samples().verified(1, SampleKey.FIRST, 10));
    assertThat(SEEN).anyMatch(sql -> sql.contains("(a.problem_id, a.idx) > (?, ?)"));
  }
}

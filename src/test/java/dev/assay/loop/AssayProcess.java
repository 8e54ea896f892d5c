package dev.assay.loop;

import dev.assay.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code assay} as a child JVM on the test classpath and peeks into its SQLite file. */
final class AssayProcess {
  private AssayProcess() {}

  /** Starts {@code assay ARGS}, appending its stdout and stderr to {@code log}. */
  static Process start(Path log, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // C1 only and the serial collector: a child round's JVM spends its 2 cores on the round, not on JIT and GC threads
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** The first column of the first row, 0 when the database or its tables do not exist yet. */
  static long count(Path db, String sql) {
    if (!Files.exists(db)) {
      return 0;
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); ResultSet r = c.createStatement().executeQuery(sql)) {
      return r.next() ? r.getLong(1) : 0;
    } catch (Exception e) {
      return 0;
    }
  }
}

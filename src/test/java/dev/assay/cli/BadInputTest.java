package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12, bad input on the command line, through picocli in-process: each mistake exits 2 with
 * one line on stderr naming the file, option or field, no stack trace, before any work starts,
 * and loses nothing. One small simulated round (2 math + 2 code seeds) makes the database the
 * report and export cases read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private Path dir;
  private Path config;
  private Path db;

  record Run(int code, String out, String err) {
    /** The one error line; fails when there is none, more than one, or a stack trace. */
    String errorLine() {
      List<String> lines = err.lines().filter(l -> l.startsWith("assay: error")).toList();
      assertThat(lines).as(err).hasSize(1);
      assertThat(err).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
      return lines.get(0);
    }
  }

  private static synchronized Run assay(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    Run r = new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    System.err.print(r.err());
    return r;
  }

  private Path config(String extra) throws Exception {
    Path seeds = dir.resolve("seeds.jsonl");
    if (!Files.exists(seeds)) {
      List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("problems/math.jsonl")).subList(0, 2));
      lines.addAll(Files.readAllLines(Path.of("problems/code.jsonl")).subList(0, 2));
      Files.write(seeds, lines);
    }
    Path f = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(f, """
        run:
          name: bad
          db: DIR/unused.db
          out: DIR/out
        model:
          simulated: true
        simulator:
          knowledge: [problems/math.jsonl, problems/code.jsonl]
        round:
          seeds: [SEEDS]
          proposals_per_seed: 0
          samples_per_problem: 1
        keep:
          decontaminate: []
        """.replace("DIR", dir.toString()).replace("SEEDS", seeds.toString()) + extra);
    return f;
  }

  @BeforeAll
  void oneSmallRound() throws Exception {
    dir = Files.createTempDirectory("assay-bad-input");
    config = config("");
    db = dir.resolve("a.db");
    Run r = assay("round", "--config", config.toString(), "--db", db.toString(), "--out", dir.resolve("round-out").toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  private static List<String> listing(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aNumberBeyondALongIsAnErrorNamingFileAndFieldNotWrapped() throws Exception {
    Path f = config("").getParent().resolve("overflow.yaml");
    Files.writeString(f, Files.readString(config("")).replace("samples_per_problem: 1", "samples_per_problem: 18446744073709551620"));
    Path fresh = dir.resolve("overflow.db");
    Run r = assay("round", "--config", f.toString(), "--db", fresh.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errorLine()).contains(f.toString(), "round.samples_per_problem", "between 1 and 1024");
    assertThat(fresh).doesNotExist();
  }

  @Test
  void aKeyInApiKeyEnvIsNeverPrinted() throws Exception {
    String key = "sk-proj-Zq3xV9bT7mK2pL8wR4nY6cH1";
    Path f = Files.writeString(dir.resolve("key.yaml"), "model:\n  base_url: http://127.0.0.1:9\n  name: m\n  api_key_env: " + key + "\n");
    Run r = assay("round", "--config", f.toString(), "--db", dir.resolve("key.db").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errorLine()).contains(f.toString(), "model.api_key_env");
    assertThat(r.err() + r.out()).doesNotContain(key).doesNotContain("Zq3xV9bT");
  }

  @Test
  void reportRefusesANonPositiveRound() {
    for (String n : List.of("-5", "0")) {
      Run r = assay("report", "--db", db.toString(), "--round", n);
      assertThat(r.code()).as(r.out()).isEqualTo(2);
      assertThat(r.errorLine()).contains("--round", n);
      assertThat(r.out()).isEmpty();
    }
    assertThat(assay("report", "--db", db.toString(), "--round", "1").code()).isZero();
  }

  @Test
  void exportToADirectoryIsRefusedAndLeavesNoTempFile() throws Exception {
    Path target = Files.createDirectories(dir.resolve("export-dir/data.jsonl"));
    Run r = assay("export", "--db", db.toString(), "--round", "all", "--format", "sft", "--out", target.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errorLine()).contains(target.toString(), "--out", "directory");
    assertThat(listing(target.getParent())).containsExactly("data.jsonl");
    assertThat(listing(target)).isEmpty();
  }

  @Test
  void exportToAnUnwritableOrSpecialPathIsRefused() throws Exception {
    Path proc = Path.of("/proc/assay-no-such-dir/data.jsonl"); // not creatable, even by root
    Run r = assay("export", "--db", db.toString(), "--round", "1", "--format", "sft", "--out", proc.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errorLine()).contains(proc.toString(), "--out");
    Path fifo = Files.createDirectories(dir.resolve("fifo")).resolve("data.jsonl");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Run f = assay("export", "--db", db.toString(), "--round", "1", "--format", "sft", "--out", fifo.toString());
    assertThat(f.code()).isEqualTo(2);
    assertThat(f.errorLine()).contains(fifo.toString(), "regular file");
    assertThat(listing(fifo.getParent())).containsExactly("data.jsonl");
  }

  @Test
  void exportNeverOverwritesAFileAssayDidNotWrite() throws Exception {
    Path d = Files.createDirectories(dir.resolve("export-own"));
    Path readme = Files.writeString(d.resolve("README.md"), "# My project\n\nmy own notes\n");
    Path out = d.resolve("data.jsonl");
    String[] export = {"export", "--db", db.toString(), "--round", "all", "--format", "sft", "--out", out.toString()};
    Run r = assay(export);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errorLine()).contains(readme.toString(), "not written by Assay", "--force");
    assertThat(Files.readString(readme)).isEqualTo("# My project\n\nmy own notes\n");
    assertThat(listing(d)).containsExactly("README.md");

    Run forced = assay(Stream.concat(Stream.of(export), Stream.of("--force")).toArray(String[]::new));
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(Files.readString(readme)).startsWith("<!-- assay export").contains("# Dataset: run `bad`");
    assertThat(listing(d)).containsExactly("README.md", "data.jsonl");
    assertThat(assay(export).code()).as("Assay replaces its own files").isZero();

    String card = Files.readString(readme);
    Files.writeString(readme, card.substring(card.indexOf('\n') + 1)); // a card written before the marker existed
    assertThat(assay(export).code()).isZero();

    Files.writeString(out, "{\"text\": \"my own data\"}\n");
    Run foreign = assay(export);
    assertThat(foreign.code()).isEqualTo(2);
    assertThat(foreign.errorLine()).contains(out.toString(), "not written by Assay");
    assertThat(Files.readString(out)).isEqualTo("{\"text\": \"my own data\"}\n");
    assertThat(listing(d)).containsExactly("README.md", "data.jsonl");
  }

  @Test
  void roundOutputsAreCheckedBeforeAnyWork() throws Exception {
    Path notADir = Files.writeString(dir.resolve("hostname"), "box\n");
    Path blocked = Files.createDirectories(dir.resolve("blocked/samples.jsonl")).getParent();
    for (String out : List.of("/etc/hostname", notADir.toString(), notADir + "/sub", "/proc/assay-no-such-dir/out",
        blocked.toString())) {
      Path fresh = dir.resolve("fresh-" + Math.abs(out.hashCode()) + ".db");
      for (String cmd : List.of("round", "run")) {
        List<String> args = new ArrayList<>(List.of(cmd, "--config", config.toString(), "--db", fresh.toString(), "--out", out));
        if (cmd.equals("run")) {
          args.addAll(List.of("--rounds", "1"));
        }
        Run r = assay(args.toArray(String[]::new));
        assertThat(r.code()).as(cmd + " --out " + out).isEqualTo(2);
        assertThat(r.errorLine()).contains(out.endsWith("blocked") ? out + "/samples.jsonl" : out);
        assertThat(fresh).as("nothing ran: no database").doesNotExist();
      }
    }
    assertThat(Files.readString(notADir)).isEqualTo("box\n");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM rounds")) {
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }
}

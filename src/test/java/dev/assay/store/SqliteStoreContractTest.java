package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an SQLite file, calling the repositories directly. */
class SqliteStoreContractTest extends StoreContract {
  @TempDir Path dir;
  private final List<Db> open = new ArrayList<>();

  @Override
  Store store() {
    Db db = Db.open(dir.resolve("s" + open.size() + ".db"));
    open.add(db);
    return Jdbc.store(db);
  }

  @AfterEach
  void close() {
    open.forEach(Db::close);
  }

  @Test
  void aDirectoryOrAFileThatIsNotADatabaseIsTheUsersMistakeNamingIt() throws Exception {
    assertThatThrownBy(() -> Db.open(dir)).isInstanceOf(AssayException.class)
        .hasMessageContaining(dir.toString()).hasMessageContaining("directory")
        .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a database\n");
    assertThatThrownBy(() -> Db.open(text)).isInstanceOf(AssayException.class)
        .hasMessageContaining("notes.txt").hasMessageContaining("not an SQLite database")
        .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    assertThat(Files.readString(text)).startsWith("hello");
  }
}

package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, through the event bus with several store workers on one pool,
 * as a coordinator runs it. Runs when a PostgreSQL answers ({@code ASSAY_TEST_PG_URL}, default
 * {@value PgTestDatabase#DEFAULT_URL}); skipped, saying why, otherwise.
 */
class PgStoreContractTest extends StoreContract {
  private static PgTestDatabase pg;
  private static String whyNot;
  private Vertx vertx;

  @BeforeAll
  static void findDatabase() {
    String[] why = new String[1];
    pg = PgTestDatabase.find(why);
    whyNot = why[0];
    if (pg == null) {
      System.err.println("PgStoreContractTest skipped: " + whyNot);
    }
  }

  @AfterAll
  static void dropSchemas() {
    if (pg != null) {
      pg.close();
    }
  }

  @AfterEach
  void stop() {
    if (vertx != null) {
      await(vertx.close());
      vertx = null;
    }
  }

  @Override
  Store store() {
    Assumptions.assumeTrue(pg != null, () -> "skipped: " + whyNot);
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    await(Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()));
    await(vertx.deployVerticle(new StoreVerticle(pg.fresh(4)), StoreVerticle.options()));
    return Store.client(vertx);
  }

  @Test
  void concurrentCallsRunInTheirOwnTransactionsAndOpeningAgainMigratesNothing() throws Exception {
    Store s = store();
    RoundInfo r = open(s, "run");
    List<Future<Integer>> failures = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      failures.add(s.rounds().modelFailure(r.id(), "item", "e" + i));
    }
    await(Future.all(failures));
    assertThat(failures.stream().map(Future::result).sorted().toList()).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
    StoreLocation again = StoreLocation.postgres(
        pg.fresh(1).jdbcUrl(), pg.user(), PgTestDatabase.PASSWORD_ENV, 1);
    try (Db one = Db.open(again); Db two = Db.open(again)) {
      assertThat(two.tx(() -> Migrations.version(two))).isEqualTo(Migrations.LATEST);
      assertThat(one.where()).startsWith("postgresql://").doesNotContain("password");
    }
  }

  @Test
  void anUnreachableDatabaseIsAStoreFailureNamingTheUrl() {
    Assumptions.assumeTrue(pg != null, () -> "skipped: " + whyNot);
    StoreLocation nowhere = StoreLocation.fromUrl("postgresql://127.0.0.1:1/none", "x", null, 1);
    assertThatThrownBy(() -> Db.open(nowhere)).isInstanceOf(AssayException.class)
        .hasMessageContaining("postgresql://127.0.0.1:1/none")
        .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.STORE));
  }
}

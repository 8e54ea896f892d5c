package dev.assay.store;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract through the event bus, as every feature reaches it: the store verticle on a
 * worker, the typed clients, every argument and reply written to JSON and read back.
 */
class BusStoreContractTest extends StoreContract {
  @TempDir Path dir;
  private Vertx vertx;
  private int n;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Override
  Store store() {
    // one verticle per database: the repositories' addresses are shared, so undeploy the last one first
    await(io.vertx.core.Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()));
    await(vertx.deployVerticle(new StoreVerticle(dir.resolve("bus" + (n++) + ".db")), StoreVerticle.options()));
    return Store.client(vertx);
  }
}

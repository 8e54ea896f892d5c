package dev.assay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SandboxVerticleTest {
  private String deployment;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    SandboxOptions o = new SandboxOptions("process", "auto", true, 1, 4, 100, 2000, 128, 4096, 32,
        1.0, null, null, null);
    vertx.deployVerticle(new SandboxVerticle(o)).onComplete(ctx.succeeding(id -> {
      deployment = id;
      ctx.completeNow();
    }));
  }

  @AfterEach
  void undeploy(Vertx vertx, VertxTestContext ctx) {
    vertx.undeploy(deployment).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void runsASpecOverTheBusAndReturnsATypedResult(Vertx vertx, VertxTestContext ctx) {
    SandboxClient client = SandboxClient.create(vertx, 5_000);
    client.run(SandboxSpec.python("print(input()[::-1])").withStdin("abc\n"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.status()).isEqualTo(SandboxStatus.OK);
          assertThat(r.stdout()).isEqualTo("cba\n");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void candidateFailureIsAResultNotAFailure(Vertx vertx, VertxTestContext ctx) {
    SandboxClient.create(vertx, 5_000).run(SandboxSpec.python("import sys; sys.exit(4)"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
          assertThat(r.exitCode()).isEqualTo(4);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void refusedSpecFailsAsInvalidInput(Vertx vertx, VertxTestContext ctx) {
    SandboxSpec java = new SandboxSpec(Language.JAVA, "class A {}", null, "", 1000, 64, 100);
    SandboxClient.create(vertx, 5_000).run(java).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(e).isInstanceOf(AssayException.class);
      assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void describeReportsIsolation(Vertx vertx, VertxTestContext ctx) {
    SandboxClient.create(vertx, 5_000).describe().onComplete(ctx.succeeding(d -> ctx.verify(() -> {
      assertThat(d).startsWith("process/bwrap");
      ctx.completeNow();
    })));
  }
}

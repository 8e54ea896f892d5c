package dev.assay.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.assay.sandbox.pool.WarmPool;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warm runner: a container whose PID 1 is the fork-server, talked to over the container's
 * attached stdin/stdout (one attach for the container's whole life, no exec per run). Every
 * method but {@link #reusable()} blocks: call it on a worker thread only. One run at a time.
 */
final class DockerRunner implements WarmPool.Member {
  private static final Logger LOG = LoggerFactory.getLogger(DockerRunner.class);
  private static final JsonObject GONE = new JsonObject().put("gone", true);
  private static final int STDERR_KEEP = 4096;

  private final DockerClient api;
  private final String id;
  private final int slot;
  private final int recycleAfter;
  private final boolean warm;
  private volatile boolean dirty;
  private final StdinPipe stdin = new StdinPipe();
  private final LinkedBlockingQueue<JsonObject> replies = new LinkedBlockingQueue<>();
  private final StringBuilder stderrTail = new StringBuilder();
  private final FrameCodec codec = new FrameCodec();
  private volatile boolean alive = true;
  private ResultCallback.Adapter<Frame> attach;
  private long seq;
  private volatile int runs;

  private DockerRunner(DockerClient api, String id, int slot, DockerSettings o) {
    this.api = api;
    this.id = id;
    this.slot = slot;
    this.recycleAfter = o.recycleAfter();
    this.warm = o.warm();
  }

  /**
   * Creates, attaches and starts runner number {@code n} in pool slot {@code slot}, then waits
   * for its ready frame.
   */
  static DockerRunner start(DockerClient api, DockerClient streams, DockerSettings o, int slot,
      int n) throws RunnerFailure {
    String id = ContainerSpec.create(api, o, n).exec().getId();
    DockerRunner r = new DockerRunner(api, id, slot, o);
    try {
      r.attach = streams.attachContainerCmd(id)
          .withStdIn(r.stdin).withStdOut(true).withStdErr(true).withFollowStream(true)
          .exec(r.new Output());
      if (!r.attach.awaitStarted(o.apiTimeoutMs(), TimeUnit.MILLISECONDS)) {
        throw new RunnerFailure(true, "attach did not start in " + o.apiTimeoutMs() + " ms");
      }
      api.startContainerCmd(id).exec();
      JsonObject ready = r.replies.poll(o.apiTimeoutMs(), TimeUnit.MILLISECONDS);
      if (ready == null || !ready.getBoolean("ready", false)) {
        throw new RunnerFailure(ready == null, "runner not ready: " + ready + r.describeTail());
      }
      LOG.debug("docker runner ready container={} pidns={}", r.shortId(), ready.getBoolean("pidns"));
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      r.destroy();
      throw new RunnerFailure(false, "interrupted while starting runner");
    } catch (RunnerFailure | RuntimeException e) {
      r.destroy();
      throw e;
    }
  }

  /**
   * Sends one request and waits up to {@code waitMs} for its reply.
   *
   * @throws RunnerFailure when the runner is gone or does not answer in time
   */
  synchronized JsonObject call(JsonObject request, long waitMs) throws RunnerFailure {
    if (!alive) {
      throw new RunnerFailure(false, "runner is gone" + describeTail());
    }
    long myId = ++seq;
    stdin.send(FrameCodec.encode(request.copy().put("id", myId)));
    JsonObject reply;
    try {
      reply = replies.poll(waitMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunnerFailure(false, "interrupted");
    }
    if (reply == null) {
      throw new RunnerFailure(true, "runner did not answer in " + waitMs + " ms");
    }
    if (reply == GONE || reply.getLong("id", -1L) != myId) {
      alive = false;
      throw new RunnerFailure(false, "runner died or broke the protocol" + describeTail());
    }
    runs++;
    return reply;
  }

  /** Whether the container was killed by the kernel's OOM killer (runner included). */
  boolean oomKilled() {
    try {
      Boolean oom = api.inspectContainerCmd(id).exec().getState().getOOMKilled();
      return Boolean.TRUE.equals(oom);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Kills and removes the container through the API; idempotent, never throws. */
  void destroy() {
    alive = false;
    stdin.close();
    try {
      api.removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException e) {
      LOG.debug("docker runner remove container={}: {}", shortId(), e.toString());
    }
    if (attach != null) {
      try {
        attach.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("docker runner attach close: {}", e.toString());
      }
    }
  }

  boolean alive() {
    return alive;
  }

  @Override
  public int slot() {
    return slot;
  }

  @Override
  public boolean reusable() {
    return warm && alive && !dirty && runs < recycleAfter;
  }

  /** After an unclean run or a failure: the pool replaces this runner. */
  void markDirty() {
    dirty = true;
  }

  int runs() {
    return runs;
  }

  String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }

  String id() {
    return id;
  }

  private String describeTail() {
    synchronized (stderrTail) {
      return stderrTail.isEmpty() ? "" : "; runner stderr: " + stderrTail.toString().strip();
    }
  }

  /** The attached output: stdout carries frames, stderr is the runner's own log. */
  private final class Output extends ResultCallback.Adapter<Frame> {
    @Override
    public void onNext(Frame frame) {
      if (frame.getStreamType() == StreamType.STDERR) {
        synchronized (stderrTail) {
          stderrTail.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
          if (stderrTail.length() > STDERR_KEEP) {
            stderrTail.delete(0, stderrTail.length() - STDERR_KEEP);
          }
        }
        return;
      }
      try {
        replies.addAll(codec.feed(frame.getPayload()));
      } catch (RuntimeException corrupt) {
        LOG.warn("docker runner container={} sent a corrupt frame: {}", shortId(), corrupt.toString());
        gone();
      }
    }

    @Override
    public void onError(Throwable t) {
      if (alive) {
        LOG.debug("docker runner container={} stream error: {}", shortId(), t.toString());
      }
      gone();
    }

    @Override
    public void onComplete() {
      gone();
    }

    private void gone() {
      alive = false;
      replies.add(GONE);
    }
  }
}

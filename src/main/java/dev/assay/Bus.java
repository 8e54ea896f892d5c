package dev.assay;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.jackson.DatabindCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How features talk over the event bus: a service is an interface whose methods return
 * {@code Future<T>}; {@link #serve} binds an implementation to one address per method
 * ({@code <prefix>.<method>}) and {@link #client} makes the typed client callers use. This is what
 * vertx-service-proxy generates with codegen, without codegen: a message is an {@link Envelope} of
 * the arguments (or the reply) whose codec writes it as JSON, by Jackson from the methods' declared
 * types, whenever it crosses to another member of a clustered bus; to a consumer in the same Vert.x
 * the envelope is handed over as is (the arguments are immutable records, lists and JSON values),
 * so a local call costs no encoding. With {@code -Dassay.bus.wire=true} every message takes the
 * JSON path, local ones too: the tests use it to prove every call survives the wire.
 *
 * <p>Failures: an {@link AssayException} of the implementation reaches the caller as an
 * AssayException of the same {@link ErrorKind}; any other failure as INTERNAL; an unreachable or
 * timed-out service as {@code unreachable} (the kind given to {@link #client}).
 */
public final class Bus {
  private static final Logger log = LoggerFactory.getLogger(Bus.class);
  private static final ObjectMapper JSON = DatabindCodec.mapper().copy()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
  /** Every message as JSON, local ones too (tests). */
  static final boolean WIRE = Boolean.getBoolean("assay.bus.wire");
  private static final String CODEC = "assay-json-envelope";

  private Bus() {}

  /** The mapper every bus message is written and read with. */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * What crosses the bus: the arguments of a call, or a reply, either as the objects themselves
   * (handed to a local consumer as they are) or as the JSON they were decoded from (from another
   * member), read against the receiver's declared types.
   */
  public static final class Envelope {
    final Object[] values;
    final JsonNode json;

    Envelope(Object[] values, JsonNode json) {
      this.values = values;
      this.json = json;
    }

    /** The i-th value as {@code type}: the object itself, or read from its JSON. */
    Object value(int i, Type type) {
      return json == null ? values[i] : JSON.convertValue(json.get(i), JSON.getTypeFactory().constructType(type));
    }

    int size() {
      return json == null ? values.length : json.size();
    }
  }

  /** Writes an envelope as a JSON array when it leaves this Vert.x; hands it over as is when it does not. */
  private static final class EnvelopeCodec implements MessageCodec<Envelope, Envelope> {
    @Override
    public void encodeToWire(Buffer buffer, Envelope e) {
      try {
        byte[] bytes = e.json != null ? JSON.writeValueAsBytes(e.json) : JSON.writeValueAsBytes(e.values);
        buffer.appendInt(bytes.length).appendBytes(bytes);
      } catch (Exception x) {
        throw new AssayException(ErrorKind.INTERNAL, "cannot write a bus message as JSON: " + x.getMessage(), x);
      }
    }

    @Override
    public Envelope decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      try {
        return new Envelope(null, JSON.readTree(buffer.getBytes(pos + 4, pos + 4 + length)));
      } catch (Exception x) {
        throw new AssayException(ErrorKind.INTERNAL, "cannot read a bus message: " + x.getMessage(), x);
      }
    }

    @Override
    public Envelope transform(Envelope e) {
      if (!WIRE) {
        return e;
      }
      Buffer b = Buffer.buffer();
      encodeToWire(b, e);
      return decodeFromWire(0, b);
    }

    @Override
    public String name() {
      return CODEC;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  private static void register(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(Envelope.class, new EnvelopeCodec());
    } catch (IllegalStateException already) {
      // registered by an earlier client or service of this Vert.x
    }
  }

  /**
   * Binds {@code impl} to {@code <prefix>.<method>} for every method of {@code api}. Handlers run on
   * the calling verticle's context (a worker verticle's for blocking implementations). Completes
   * when every consumer is registered; returns the consumers so the verticle can unregister them.
   */
  public static <T> Future<List<MessageConsumer<Envelope>>> serve(Vertx vertx, Class<T> api, T impl, String prefix) {
    register(vertx);
    List<MessageConsumer<Envelope>> consumers = new ArrayList<>();
    List<Future<Void>> ready = new ArrayList<>();
    for (Method m : methods(api)) {
      MessageConsumer<Envelope> c = vertx.eventBus().consumer(prefix + "." + m.getName(), msg -> handle(m, impl, msg));
      consumers.add(c);
      ready.add(c.completion());
    }
    return Future.all(ready).map(consumers);
  }

  /**
   * The typed client of a service bound with {@link #serve}. {@code sendTimeoutMs} must exceed the
   * slowest call; {@code unreachable} is the kind a missing or timed-out service fails with.
   */
  @SuppressWarnings("unchecked")
  public static <T> T client(Vertx vertx, Class<T> api, String prefix, long sendTimeoutMs, ErrorKind unreachable) {
    register(vertx);
    Map<Method, String> addresses = new HashMap<>();
    methods(api).forEach(m -> addresses.put(m, prefix + "." + m.getName()));
    DeliveryOptions opts = new DeliveryOptions().setSendTimeout(sendTimeoutMs);
    return (T) Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, m, args) -> {
      if (m.getDeclaringClass() == Object.class) {
        return switch (m.getName()) {
          case "toString" -> api.getSimpleName() + " client of " + prefix + ".*";
          case "hashCode" -> System.identityHashCode(proxy);
          default -> proxy == args[0];
        };
      }
      if (m.isDefault()) {
        return java.lang.invoke.MethodHandles.privateLookupIn(api, java.lang.invoke.MethodHandles.lookup())
            .unreflectSpecial(m, api).bindTo(proxy).invokeWithArguments(args == null ? new Object[0] : args);
      }
      String address = addresses.get(m);
      Type result = futureOf(m);
      return vertx.eventBus().<Envelope>request(address, new Envelope(args == null ? new Object[0] : args, null), opts)
          .compose(reply -> decode(reply.body(), result, address))
          .recover(e -> Future.failedFuture(failure(e, address, unreachable)));
    });
  }

  private static void handle(Method m, Object impl, Message<Envelope> msg) {
    String address = msg.address();
    Object[] args;
    try {
      args = arguments(m, msg.body());
    } catch (RuntimeException e) {
      msg.fail(ErrorKind.INVALID_INPUT.ordinal(), address + ": bad arguments: " + e.getMessage());
      return;
    }
    Future<?> f;
    try {
      f = (Future<?>) m.invoke(impl, args);
    } catch (InvocationTargetException e) {
      f = Future.failedFuture(e.getCause());
    } catch (IllegalAccessException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(new Envelope(new Object[] {ar.result()}, null));
      } else if (ar.cause() instanceof AssayException a) {
        msg.fail(a.kind().ordinal(), String.valueOf(a.getMessage()));
      } else {
        log.error("{} failed", address, ar.cause());
        msg.fail(ErrorKind.INTERNAL.ordinal(), address + ": " + ar.cause());
      }
    });
  }

  private static Object[] arguments(Method m, Envelope e) {
    Type[] types = m.getGenericParameterTypes();
    if (e.size() != types.length) {
      throw new IllegalArgumentException("expected " + types.length + " arguments, got " + e.size());
    }
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = e.value(i, types[i]);
    }
    return args;
  }

  private static Future<Object> decode(Envelope reply, Type type, String address) {
    try {
      return Future.succeededFuture(reply.value(0, type));
    } catch (RuntimeException e) {
      return Future.failedFuture(new AssayException(ErrorKind.INTERNAL, address + ": cannot read the reply: " + e, e));
    }
  }

  private static Throwable failure(Throwable e, String address, ErrorKind unreachable) {
    if (e instanceof AssayException) {
      return e;
    }
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      ErrorKind[] kinds = ErrorKind.values();
      int code = r.failureCode();
      return new AssayException(code >= 0 && code < kinds.length ? kinds[code] : ErrorKind.INTERNAL, r.getMessage());
    }
    if (e instanceof ReplyException r) {
      return new AssayException(unreachable, address + " unreachable (" + r.failureType() + "): " + r.getMessage());
    }
    return new AssayException(unreachable, address + ": " + e.getMessage(), e);
  }

  /** The non-default, non-static methods of a service interface; each must return Future and not be overloaded. */
  private static List<Method> methods(Class<?> api) {
    if (!api.isInterface()) {
      throw new IllegalArgumentException(api + " is not an interface");
    }
    List<Method> out = new ArrayList<>();
    Map<String, Method> names = new HashMap<>();
    for (Method m : api.getMethods()) {
      if (m.isDefault() || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      if (m.getReturnType() != Future.class) {
        throw new IllegalArgumentException(api.getSimpleName() + "." + m.getName() + " must return a Future");
      }
      if (names.put(m.getName(), m) != null) {
        throw new IllegalArgumentException(api.getSimpleName() + "." + m.getName() + " is overloaded");
      }
      out.add(m);
    }
    return out;
  }

  private static Type futureOf(Method m) {
    Type t = m.getGenericReturnType();
    return t instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
  }
}

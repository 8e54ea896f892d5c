package dev.assay.web;

import dev.assay.model.ModelClient;
import dev.assay.verify.Verifier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the model requests and verifications (sandbox runs for code) in flight by wrapping the
 * loop's clients; exposed in {@code /api/status} and as gauges.
 */
final class InFlight {
  final AtomicInteger model = new AtomicInteger();
  final AtomicInteger verifications = new AtomicInteger();

  InFlight(MeterRegistry registry) {
    Gauge.builder("assay.model.in.flight", model, AtomicInteger::get).description("Model calls in flight")
        .register(registry);
    Gauge.builder("assay.verifications.in.flight", verifications, AtomicInteger::get)
        .description("Verifications (sandbox runs for code) in flight").register(registry);
  }

  ModelClient wrap(ModelClient m) {
    return req -> {
      model.incrementAndGet();
      return m.complete(req).andThen(ar -> model.decrementAndGet());
    };
  }

  Verifier wrap(Verifier v) {
    return (problem, completion) -> {
      verifications.incrementAndGet();
      return v.verify(problem, completion).andThen(ar -> verifications.decrementAndGet());
    };
  }
}

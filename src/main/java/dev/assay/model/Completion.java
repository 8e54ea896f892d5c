package dev.assay.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A successful chat completion.
 *
 * @param choices the text of each choice, in choice-index order; exactly the requested
 *     {@code n} unless a server that ignores {@code n} could not be topped up
 * @param usage token usage summed over the successful HTTP responses
 * @param model the model name the server reported
 * @param attempts how many HTTP attempts it took (1 = one request, no retry)
 * @param latencyMs wall time from the first attempt to the parsed answer, retries included
 * @param simulated true when the server said it is the Assay simulator
 *     ({@code X-Assay-Simulated: true} or {@code system_fingerprint: "assay-simulated"})
 */
public record Completion(List<String> choices, Usage usage, String model, int attempts,
    long latencyMs, boolean simulated) {
  public Completion {
    choices = List.copyOf(choices);
  }

  /** A completion from a server not known to be simulated. */
  public Completion(List<String> choices, Usage usage, String model, int attempts, long latencyMs) {
    this(choices, usage, model, attempts, latencyMs, false);
  }

  /** This completion followed by {@code more}'s choices (a top-up for a server that ignores n). */
  Completion append(Completion more, long latencyMs) {
    List<String> all = new ArrayList<>(choices);
    all.addAll(more.choices);
    return new Completion(all, usage.plus(more.usage), model, attempts + more.attempts, latencyMs,
        simulated || more.simulated);
  }
}

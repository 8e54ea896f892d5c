package dev.assay.store;

import io.vertx.core.json.JsonObject;

/**
 * One round's header.
 *
 * @param state {@code running}, {@code cancelled}, {@code failed}, {@code abandoned} (another round was
 *     asked for before it finished) or {@code done}; running, cancelled and failed rounds resume
 * @param stage the stage the round is in ({@code start} before any; {@code done} at the end)
 * @param report the yield report once done, else null
 */
public record RoundInfo(
    long id, String run, int roundNo, long seed, String model, boolean simulated, String state,
    String stage, long wallMs, JsonObject report) {

  public boolean done() {
    return "done".equals(state);
  }
}

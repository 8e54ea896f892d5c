package dev.assay.store;

/**
 * A model of a run's registry.
 *
 * @param afterRound the round whose dataset made it (0 for the base model)
 * @param dataset the dataset it was trained on ("" for the base model)
 * @param baseUrl where it is served ("simulated" for the simulator)
 */
public record ModelRecord(
    String name, String run, String parent, String dataset, String baseUrl, boolean simulated,
    int afterRound, String createdAt) {}

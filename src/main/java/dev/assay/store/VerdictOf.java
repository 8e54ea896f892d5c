package dev.assay.store;

/** The verdict of one attempt, to store. */
public record VerdictOf(String problemId, int idx, StoredVerdict verdict) {}

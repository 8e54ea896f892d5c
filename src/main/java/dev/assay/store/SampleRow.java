package dev.assay.store;

/** One attempt as the samples listing shows it; {@code verdict} is null while unverified. */
public record SampleRow(long cursor, long roundId, String run, int roundNo, String problemId, String domain, int idx,
    String sampleId, String kind, String model, int completionTokens, String verdict, String verdictDetail, boolean kept,
    String text) {}

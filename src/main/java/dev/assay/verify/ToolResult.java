package dev.assay.verify;

/**
 * What a tool call gave back: its status ({@code ok}, {@code error}, {@code timeout}, {@code memory},
 * {@code output_limit}), the output the model sees, and what it cost.
 */
public record ToolResult(String status, String output, long cpuMs, long wallMs) {}

package dev.assay.verify.tool;

/**
 * What one tool call gave back to the model: a value whatever the code did.
 *
 * @param status {@value #OK} (the code ran to the end), {@value #ERROR} (it raised or exited
 *     non-zero), {@value #TIMEOUT}, {@value #MEMORY} or {@value #OUTPUT_LIMIT} (it printed past the
 *     sandbox's cap and was stopped)
 * @param output what a Jupyter user would see for the cell (stdout, then stderr; on an exception
 *     the last lines of the traceback), cut to the run's {@code outputBytes} with the marker
 *     {@code \n[... output truncated: N more bytes]} (for {@value #OUTPUT_LIMIT}, where how much was
 *     printed before the stop depends on timing, {@code \n[... output truncated: the code printed past
 *     the limit and was stopped]}); for {@value #TIMEOUT} and {@value #MEMORY}
 *     a one-line message such as {@code Error: the code ran out of time (5 s)}
 * @param cpuMs CPU time of the call's process tree (-1 when the sandbox could not tell)
 * @param wallMs wall time of the call in the sandbox
 */
public record ToolResult(String status, String output, long cpuMs, long wallMs) {
  public static final String OK = "ok";
  public static final String ERROR = "error";
  public static final String TIMEOUT = "timeout";
  public static final String MEMORY = "memory";
  public static final String OUTPUT_LIMIT = "output_limit";

  public ToolResult {
    status = status == null ? ERROR : status;
    output = output == null ? "" : output;
  }

  public boolean ok() {
    return OK.equals(status);
  }
}

package dev.assay.loop;

import dev.assay.verify.Domain;
import dev.assay.verify.Problem;

/**
 * The user messages the loop sends. The simulated model recognises them by their first line, so
 * keep the first lines stable.
 */
final class Prompts {
  private Prompts() {}

  static String propose(Problem seed, int k) {
    if (seed.domain() == Domain.MATH) {
      return "Write " + k + " new math word problems similar to the example, each with its exact final answer.\n"
          + "Example:\n<<<\n" + seed.statement() + "\n>>>\n"
          + "Reply with only a JSON array: [{\"problem\": \"...\", \"answer\": \"...\"}]";
    }
    return "Write " + k + " new Python programming tasks similar to the example.\n"
        + "Example:\n<<<\n" + seed.statement() + "\n>>>\n"
        + "Reply with only a JSON array: [{\"prompt\": \"def name(args):\\n    \\\"\\\"\\\"docstring\\\"\\\"\\\"\\n\","
        + " \"entry_point\": \"name\", \"tests\": [\"assert name(...) == ...\", ...]}]";
  }

  static String solve(Problem p) {
    if (p.domain() == Domain.MATH) {
      return "Solve the following math problem. Reason step by step, then give the final answer in \\boxed{}.\n\n"
          + p.statement();
    }
    return "Complete the following Python function. Reply with the whole function in one ```python code block.\n\n"
        + p.statement();
  }
}

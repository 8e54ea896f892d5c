package dev.assay.loop;

import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import java.util.List;

/**
 * The user messages the loop sends. The simulated model recognises them by their first line, so
 * keep the first lines stable.
 */
final class Prompts {
  static final String HINT_PREFIX = "Hint: the correct final answer is ";

  private Prompts() {}

  static String propose(Problem seed, int k) {
    if (seed.domain() == Domain.MATH) {
      return "Write " + k + " new math word problems similar to the example, each with its exact final answer.\n"
          + example(seed)
          + "Reply with only a JSON array: [{\"problem\": \"...\", \"answer\": \"...\"}]";
    }
    return "Write " + k + " new Python programming tasks similar to the example.\n"
        + example(seed)
        + "Reply with only a JSON array: [{\"prompt\": \"def name(args):\\n    \\\"\\\"\\\"docstring\\\"\\\"\\\"\\n\","
        + " \"entry_point\": \"name\", \"tests\": [\"assert name(...) == ...\", ...],"
        + " \"solution\": \"def name(args):\\n    ...\"}]";
  }

  /** TinyGSM: a math problem with a program whose sandboxed output is its answer. */
  static String proposeWithProgram(Problem seed, int k) {
    return "Write " + k + " new math word problems similar to the example, each with a Python program that computes its answer.\n"
        + example(seed)
        + "The program defines solution() and returns the final answer as a number.\n"
        + "Reply with only a JSON array: [{\"problem\": \"...\", \"program\": \"def solution():\\n    ...\\n    return ...\"}]";
  }

  /** Absolute Zero: a program and inputs from which deduction, abduction and induction tasks are made. */
  static String proposeReasoning(Problem seed, int k) {
    return "Write " + k + " new Python functions for code-reasoning tasks, similar in spirit to the example.\n"
        + example(seed)
        + "Each function is named f, takes one argument, is deterministic and imports nothing. Give a one-line"
        + " description and 3 to 5 inputs as Python literals.\n"
        + "Reply with only a JSON array: [{\"program\": \"def f(x):\\n    ...\", \"description\": \"...\", \"inputs\": [\"...\", \"...\"]}]";
  }

  private static String example(Problem seed) {
    return "Example:\n<<<\n" + seed.statement() + "\n>>>\n";
  }

  static String solve(Problem p) {
    if (p.domain() == Domain.MATH) {
      return "Solve the following math problem. Reason step by step, then give the final answer in \\boxed{}.\n\n"
          + p.statement();
    }
    if (p.body().getString("format", "").equals("az")) {
      return p.statement();
    }
    return "Complete the following Python function. Reply with the whole function in one ```python code block.\n\n"
        + p.statement();
  }

  /** STaR rationalization: the math solve prompt with the answer given as a hint. */
  static String rationalize(Problem p) {
    return "Solve the following math problem. Reason step by step, then give the final answer in \\boxed{}.\n"
        + HINT_PREFIX + p.answer() + ". Explain the reasoning that leads to it; do not mention this hint.\n\n"
        + p.statement();
  }

  static String deduction(String program, String input) {
    return "Predict the output of the Python function for the given input. Give the output as a Python literal in \\boxed{}.\n\n"
        + "```python\n" + program.strip() + "\n```\nInput: " + input;
  }

  static String abduction(String program, String output) {
    return "Find an input for which the Python function returns the given output. Give the input as a Python literal in \\boxed{}.\n\n"
        + "```python\n" + program.strip() + "\n```\nOutput: " + output;
  }

  static String induction(String description, List<String> inputs, List<String> outputs) {
    StringBuilder b = new StringBuilder(
        "Write a Python function f that maps each input to its output. Reply with the function in one ```python code block.\n\n");
    b.append("Description: ").append(description == null ? "" : description.strip()).append("\nExamples:\n");
    for (int i = 0; i < inputs.size(); i++) {
      b.append(inputs.get(i)).append(" -> ").append(outputs.get(i)).append('\n');
    }
    return b.toString().stripTrailing();
  }
}

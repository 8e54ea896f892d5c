package dev.assay.model;

/** The self-play prompts exactly as the round loop sends them (issues 5 and 6). */
final class SelfPlayPrompts {
  private SelfPlayPrompts() {}

  static String tinyGsm(int k, String seed) {
    return "Write " + k + " new math word problems similar to the example, each with a Python program that computes its answer.\n"
        + "Example:\n<<<\n" + seed + "\n>>>\n"
        + "The program defines solution() and returns the final answer as a number.\n"
        + "Reply with only a JSON array: [{\"problem\": \"...\", \"program\": \"def solution():\\n    ...\\n    return ...\"}]";
  }

  static String reasoning(int k, String seed) {
    return "Write " + k + " new Python functions for code-reasoning tasks, similar in spirit to the example.\n"
        + "Example:\n<<<\n" + seed + "\n>>>\n"
        + "Each function is named f, takes one argument, is deterministic and imports nothing. Give a one-line"
        + " description and 3 to 5 inputs as Python literals.\n"
        + "Reply with only a JSON array: [{\"program\": \"def f(x):\\n    ...\", \"description\": \"...\","
        + " \"inputs\": [\"...\", \"...\"]}]";
  }

  static String deduce(String program, String x) {
    return "Predict the output of the Python function for the given input. Give the output as a Python literal in \\boxed{}.\n\n"
        + "```python\n" + program.stripTrailing() + "\n```\nInput: " + x;
  }

  static String abduce(String program, String y) {
    return "Find an input for which the Python function returns the given output. Give the input as a Python literal in \\boxed{}.\n\n"
        + "```python\n" + program.stripTrailing() + "\n```\nOutput: " + y;
  }

  static String induce(String description, String... pairs) {
    StringBuilder s = new StringBuilder("Write a Python function f that maps each input to its output."
        + " Reply with the function in one ```python code block.\n\nDescription: " + description + "\nExamples:\n");
    for (int i = 0; i < pairs.length; i += 2) {
      s.append(pairs[i]).append(" -> ").append(pairs[i + 1]).append('\n');
    }
    return s.toString().stripTrailing();
  }

  static String rationalize(String answer, String problem) {
    return "Solve the following math problem. Reason step by step, then give the final answer in \\boxed{}.\n"
        + "Hint: the correct final answer is " + answer + ". Explain the reasoning that leads to it; do not mention this hint.\n\n"
        + problem;
  }
}

package dev.assay.simulator;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Renders deduction, abduction and induction answers for a drawn {@link SimOutcome}. The
 * function is recognised from its source or description ({@link CodeReasoning}), given as task
 * variables; an unknown one gets a guess, as a real model would.
 */
final class SimReasoningWriters {
  private SimReasoningWriters() {}

  /** Deduction (predict f(x)) or abduction (find x with f(x) = y); outcomes correct, wrong, no_answer. */
  static String deduceOrAbduce(String program, String givenLiteral, boolean deduce, SimOutcome outcome,
      SplittableRandom form) {
    Optional<CodeReasoning.Fn> fn = CodeReasoning.fromProgram(program);
    String givenText = givenLiteral.trim();
    Optional<Object> given = PyLiteral.parse(givenText);
    StringBuilder text = new StringBuilder(deduce
        ? "Let me trace the function on the input " + givenText + ".\n"
        : "I need an input that produces " + givenText + ".\n");
    fn.ifPresent(f -> text.append("The function ").append(lowerFirst(f.description())).append('\n'));
    if (outcome == SimOutcome.NO_ANSWER) {
      return text.append("The value changes at every step and I lose track of it.\n")
          .append("I cannot pin down the exact value.").toString();
    }
    Optional<Object> right = fn.flatMap(f -> given.flatMap(g -> deduce ? apply(f, g) : f.invert(g)));
    String answer;
    if (right.isEmpty()) {
      answer = givenText.isEmpty() ? "None" : givenText; // a guess: the identity
    } else if (outcome == SimOutcome.CORRECT) {
      answer = PyLiteral.repr(right.get());
      text.append(deduce ? "Applying it step by step gives " + answer + ".\n"
          : "Checking: f(" + answer + ") = " + givenText + ".\n");
    } else {
      answer = PyLiteral.repr(deduce ? Eval.mutate(right.get(), form.nextInt(3))
          : wrongInput(fn.get(), given.get(), right.get(), form));
      text.append(deduce ? "Working it through quickly, I get " + answer + ".\n"
          : "Trying " + answer + " looks like it should work.\n");
    }
    return text.append(form.nextBoolean() ? "The " + (deduce ? "output" : "input") + " is \\boxed{" + answer + "}."
        : "\\boxed{" + answer + "}").toString();
  }

  /** Induction (write f from examples); outcomes correct, wrong_answer, raises, infinite_loop. */
  static String induce(String description, List<String[]> examples, SimOutcome outcome, SplittableRandom form) {
    Optional<CodeReasoning.Fn> fn = CodeReasoning.fromDescription(description.trim());
    String program = switch (outcome) {
      case CORRECT -> fn.map(CodeReasoning.Fn::program).orElseGet(() -> table(examples));
      case RAISES -> "def f(x):\n    raise ValueError('unsupported input')\n";
      case INFINITE_LOOP -> "def f(x):\n    while True:\n        pass\n";
      default -> "def f(x):\n    return " + (examples.isEmpty() ? "None" : examples.get(0)[1]) + "\n";
    };
    String intro = form.nextInt(3) == 0 ? "Here is a function that fits the examples.\n\n" : "";
    return intro + "```python\n" + program.stripTrailing() + "\n```\n";
  }

  /** An input of the right type that does not map to {@code y}; another guess if none is found. */
  private static Object wrongInput(CodeReasoning.Fn fn, Object y, Object right, SplittableRandom form) {
    int start = form.nextInt(4);
    for (int k = 0; k < 8; k++) {
      Object candidate = Eval.mutate(right, start + k);
      if (!apply(fn, candidate).equals(Optional.of(y))) {
        return candidate;
      }
    }
    return Eval.mutate(y, 0);
  }

  private static Optional<Object> apply(CodeReasoning.Fn fn, Object x) {
    try {
      return Optional.of(fn.apply(x));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A lookup table over the examples: right on them, None elsewhere. */
  private static String table(List<String[]> examples) {
    StringBuilder out = new StringBuilder("def f(x):\n    table = [\n");
    for (String[] e : examples) {
      out.append("        (").append(e[0]).append(", ").append(e[1]).append("),\n");
    }
    return out.append("    ]\n    for key, value in table:\n        if key == x:\n            return value\n")
        .append("    return None\n").toString();
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}

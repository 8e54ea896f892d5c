package dev.assay.verify;

import io.vertx.core.json.JsonObject;

/**
 * One completion to verify against one task.
 *
 * @param kind how it is checked: {@code MATH} extracts and compares an answer, {@code CODE} runs code
 * @param task math: {@code {"answer": gold}}; code: the task in one of its formats ({@code seed},
 *     {@code humaneval}, {@code mbpp}, {@code java}, {@code az}) as {@code CodeTask} reads it
 * @param completion the model's whole answer
 * @param answerFormat math: where the prompt asked for the answer ({@code boxed}, {@code line},
 *     {@code boxed_or_line}, {@code regex:...}); "" for the checker's default
 */
public record SampleCheck(Kind kind, JsonObject task, String completion, String answerFormat) {
  public enum Kind { MATH, CODE }

  public SampleCheck {
    completion = completion == null ? "" : completion;
    answerFormat = answerFormat == null ? "" : answerFormat;
  }

  public static SampleCheck math(String gold, String completion, String answerFormat) {
    return new SampleCheck(Kind.MATH, new JsonObject().put("answer", gold), completion, answerFormat);
  }

  public static SampleCheck code(JsonObject task, String completion) {
    return new SampleCheck(Kind.CODE, task, completion, "");
  }
}

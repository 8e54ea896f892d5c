package dev.assay.verify;

import io.vertx.core.json.JsonObject;

/**
 * One completion to verify against one task.
 *
 * @param kind how it is checked: {@code MATH} extracts and compares an answer, {@code CODE} runs code
 * @param task math: {@code {"answer": gold}}; code: the task in one of its formats ({@code seed},
 *     {@code humaneval}, {@code mbpp}, {@code java}, {@code az}) as {@code CodeTask} reads it
 * @param completion the model's whole answer
 */
public record SampleCheck(Kind kind, JsonObject task, String completion) {
  public enum Kind { MATH, CODE }

  public SampleCheck {
    completion = completion == null ? "" : completion;
  }

  public static SampleCheck math(String gold, String completion) {
    return new SampleCheck(Kind.MATH, new JsonObject().put("answer", gold), completion);
  }
}

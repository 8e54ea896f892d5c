package dev.assay.verify.code;

import dev.assay.AssayException;
import dev.assay.sandbox.SandboxSpec;

/** Builds the Java harness program for a {@code java} task (a Solution class plus tests). */
final class JavaHarness {

  private JavaHarness() {}

  static SandboxSpec spec(CodeTask task, String candidate, String nonce, long timeoutMs,
      int memoryMb) {
    throw AssayException.invalid("java tasks are not supported yet");
  }
}

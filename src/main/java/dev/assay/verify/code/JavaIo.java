package dev.assay.verify.code;

import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Java stdin/stdout tasks: the candidate program runs once per case with the case's input, and
 * its output is compared here, outside the sandbox, token by token. The expected output never
 * enters the sandbox, so there is nothing for the candidate to fake.
 */
final class JavaIo {

  private JavaIo() {}

  static Future<CodeVerdict> verify(Sandbox sandbox, CodeTask task, String candidate,
      long timeoutMs, int memoryMb) {
    List<String[]> cases = task.ioCases();
    List<Future<SandboxResult>> runs = new ArrayList<>();
    for (String[] c : cases) {
      runs.add(sandbox.run(JavaHarness.ioSpec(candidate, c[0], timeoutMs, memoryMb)));
    }
    return Future.all(runs).map(x -> {
      List<SandboxResult> rs = runs.stream().map(Future::result).toList();
      return CodeVerdicts.of(firstBad(rs), report(cases, rs), wall(rs));
    });
  }

  static HarnessReport report(List<String[]> cases, List<SandboxResult> rs) {
    List<TestResult> tests = new ArrayList<>();
    boolean timeout = false;
    for (int i = 0; i < cases.size(); i++) {
      SandboxResult r = rs.get(i);
      String name = "case " + i;
      if (r.status() == SandboxStatus.COMPILE_ERROR) {
        return new HarnessReport("compile_error", (r.detail() + " " + r.stderr()).trim(),
            List.of(), false, false, "");
      }
      if (r.status() == SandboxStatus.SANDBOX_ERROR) {
        return new HarnessReport("sandbox_error", r.detail(), List.of(), false, false, "");
      }
      if (r.status() == SandboxStatus.TIMEOUT) {
        timeout = true;
        tests.add(new TestResult(name, false, "timeout", r.detail()));
      } else if (r.status() == SandboxStatus.MEMORY) {
        tests.add(new TestResult(name, false, "fail", "MemoryError: " + r.detail()));
      } else if (r.status() == SandboxStatus.OUTPUT_LIMIT) {
        tests.add(new TestResult(name, false, "output_limit", r.detail()));
      } else if (!r.ok()) {
        tests.add(new TestResult(name, false, "error", "program ended with exit "
            + r.exitCode() + " " + r.detail()));
      } else if (tokens(r.stdout()).equals(tokens(cases.get(i)[1]))) {
        tests.add(new TestResult(name, true, "pass", ""));
      } else {
        tests.add(new TestResult(name, false, "fail", "expected '" + cut(cases.get(i)[1])
            + "', got '" + cut(r.stdout()) + "'"));
      }
    }
    return new HarnessReport("ok", "", tests, true, timeout, "exit 0");
  }

  private static List<String> tokens(String s) {
    String t = s.strip();
    return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
  }

  private static SandboxResult firstBad(List<SandboxResult> rs) {
    return rs.stream().filter(r -> !r.ok()).findFirst().orElse(rs.get(0));
  }

  private static long wall(List<SandboxResult> rs) {
    return rs.stream().mapToLong(SandboxResult::wallMs).sum();
  }

  private static String cut(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}

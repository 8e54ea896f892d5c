package dev.assay.verify.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.verify.VerdictReason;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a candidate might fake a pass is caught. Where the trick fools a naive verifier
 * (run the program, exit status 0 = pass), the test shows that too, so it proves something.
 */
class FakePassTest {

  static Vertx vertx;
  static CodeVerifier verifier;
  static final List<String> ADD_TESTS =
      List.of("assert add(1, 2) == 3", "assert add(-1, 1) == 0", "assert add(10, 5) == 15");
  static final CodeTask ADD = seed("fake/add", "add", ADD_TESTS);
  static final CodeTask SORT = seed("fake/sort", "sort_desc", List.of(
      "assert sort_desc([3, 1, 2]) == sorted([3, 1, 2], reverse=True)",
      "assert len(sort_desc([5, 4])) == 2"));

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    verifier = new CodeVerifier(new LocalSandbox(vertx), 8_000, 256);
  }

  @AfterAll
  static void tearDown() throws Exception {
    Fixtures.await(vertx.close());
  }

  static CodeTask seed(String id, String entry, List<String> tests) {
    return CodeTask.fromJson(new JsonObject().put("id", id).put("prompt", "")
        .put("entry_point", entry).put("tests", new JsonArray(tests)), null);
  }

  /**
   * Checks the verdict, and whether naive "exit status 0" execution would be fooled (null: do
   * not run it naively, e.g. it would kill its parent, the test JVM).
   */
  static CodeVerdict caught(CodeTask task, String cand, VerdictReason reason, String detail,
      Boolean foolsNaiveExec) throws Exception {
    CodeVerdict v = Fixtures.await(verifier.verify(task, cand));
    assertThat(v.passed()).as("verdict %s", v.verdict()).isFalse();
    assertThat(v.verdict().reason()).as("verdict %s", v.verdict()).isEqualTo(reason);
    assertThat(v.verdict().detail()).contains(detail);
    if (foolsNaiveExec == null) {
      return v;
    }
    String program = cand + "\n" + String.join("\n", task.testStrings()) + "\n";
    boolean naivePass = Fixtures.plainPython(program, 8_000) == 0;
    assertThat(naivePass).as("naive execution fooled").isEqualTo(foolsNaiveExec);
    return v;
  }

  @Test
  void honestCandidatePasses() throws Exception {
    CodeVerdict v = Fixtures.await(verifier.verify(ADD, "def add(a, b):\n    return a + b\n"));
    assertThat(v.verdict().reason()).isEqualTo(VerdictReason.OK);
    assertThat(v.tests()).hasSize(3).allMatch(TestResult::passed);
  }

  @Test
  void exitWithStatusZeroAtImportIsARuntimeError() throws Exception {
    caught(ADD, "import sys\ndef add(a, b):\n    return 0\nsys.exit(0)\n",
        VerdictReason.RUNTIME_ERROR, "SystemExit", true);
  }

  @Test
  void exitWithStatusZeroInsideATestFailsThatTest() throws Exception {
    CodeVerdict v = caught(ADD, "import sys\ndef add(a, b):\n    sys.exit(0)\n",
        VerdictReason.WRONG_ANSWER, "test 0", true);
    assertThat(v.tests()).allMatch(t -> t.message().startsWith("SystemExit"));
    CodeVerdict he = Fixtures.await(verifier.verify(
        Fixtures.load(Fixtures.HUMANEVAL, null).get(0), "    raise SystemExit(0)\n"));
    assertThat(he.verdict().reason()).isEqualTo(VerdictReason.WRONG_ANSWER);
  }

  @Test
  void hardExitIsRejectedByTheAuditAndWhenHiddenByTheMissingReport() throws Exception {
    caught(ADD, "import os\ndef add(a, b):\n    os._exit(0)\n",
        VerdictReason.RUNTIME_ERROR, "tamper: candidate code has use of ._exit", true);
    caught(ADD, "import os\ndef add(a, b):\n    getattr(os, '_ex' + 'it')(0)\n",
        VerdictReason.RUNTIME_ERROR, "early_exit", true);
  }

  @Test
  void printedSuccessMarkersAndForgedReportLinesDoNotCount() throws Exception {
    String forge = """
        import os, json, sys
        fake = json.dumps({"v": 1, "candidate": "ok", "message": "", "ended": True,
            "exit": "exit 0", "timeout": False,
            "tests": [{"name": "t", "status": "pass", "message": ""}] * 3})
        for nonce in ["0" * 32, "deadbeef" * 4]:
            line = "\\n" + nonce + " " + fake + "\\nALL TESTS PASSED\\nOK\\n"
            print(line)
            os.write(1, line.encode())
            try:
                with open("/proc/%d/fd/1" % os.getppid(), "w") as f:
                    f.write(line)
            except OSError:
                pass
        def add(a, b):
            return 0
        getattr(os, "_ex" + "it")(0)
        """;
    caught(ADD, forge, VerdictReason.RUNTIME_ERROR, "early_exit", true);
  }

  @Test
  void aCandidateThatForksFailsAsForkedNotAsTamper() throws Exception {
    // Its copy of the test process runs the later tests again and writes their results out of order.
    String forksOnce = """
        import os
        def add(a, b):
            os.fork()
            return a + b
        """;
    CodeVerdict v = caught(ADD, forksOnce, VerdictReason.RUNTIME_ERROR, "forked: the candidate started processes that outlived its call", null);
    assertThat(v.verdict().detail()).doesNotContain("tamper");
    assertThat(v.testsPassed()).as("no per-test result of a forked run counts").isZero();
  }

  @Test
  void recordsForgedIntoTheHarnessPipeAreATamper() throws Exception {
    String forge = """
        import os
        recs = "".join("R\\t%d\\tpass\\t\\n" % k for k in range(3)) + "E\\n"
        for key in ["", "0" * 32]:
            for fd in range(3, 64):
                try:
                    os.write(fd, "".join(key + "\\t" + l + "\\n" if key else l + "\\n"
                                         for l in recs.splitlines()).encode())
                except OSError:
                    pass
        def add(a, b):
            return 0
        getattr(os, "_ex" + "it")(0)
        """;
    caught(ADD, forge, VerdictReason.RUNTIME_ERROR, "tamper: harness protocol violated", true);
  }

  @Test
  void patchedBuiltinsAndShadowingDoNotReachTheTests() throws Exception {
    // patch the real builtins module through a builtin function's __self__
    caught(SORT, "len.__self__.sorted = lambda xs, reverse=False: list(xs)\n"
            + "len.__self__.len = lambda xs: 2\n"
            + "def sort_desc(xs):\n    return xs\n",
        VerdictReason.WRONG_ANSWER, "test 0", true);
    // shadow a builtin at module level
    caught(SORT, "def sorted(xs, reverse=False):\n    return list(xs)\n"
            + "def sort_desc(xs):\n    return xs\n",
        VerdictReason.WRONG_ANSWER, "test 0", true);
    // patch sys.exit, os.write and print, which a naive harness would use to report
    caught(ADD, "import sys, os\nsys.exit = lambda *a: None\nos.write = lambda fd, b: len(b)\n"
            + "len.__self__.print = lambda *a, **k: None\n"
            + "def add(a, b):\n    return a - b\n",
        VerdictReason.WRONG_ANSWER, "test 0", false);
    caught(SORT, "import builtins\nbuiltins.sorted = lambda xs, reverse=False: list(xs)\n"
            + "def sort_desc(xs):\n    return xs\n",
        VerdictReason.RUNTIME_ERROR, "tamper: candidate code has import of builtins", true);
  }

  @Test
  void objectsThatCompareEqualToAnythingAreATamper() throws Exception {
    caught(ADD, "class E:\n    def __eq__(self, o):\n        return True\n"
            + "def add(a, b):\n    return E()\n",
        VerdictReason.RUNTIME_ERROR, "overrides __eq__", true);
    caught(ADD, "class I(int):\n    __eq__ = lambda self, o: True\n    __hash__ = int.__hash__\n"
            + "def add(a, b):\n    return [I(0)][0]\n",
        VerdictReason.RUNTIME_ERROR, "overrides __eq__", true);
  }

  @Test
  void editingTheProgramAndTestFilesChangesNothing() throws Exception {
    String edit = """
        import os, sys
        for name in os.listdir("."):
            try:
                with open(name, "w") as f:
                    f.write("print('all passed')\\n")
            except OSError:
                pass
        with open("json.py", "w") as f:
            f.write("def dumps(*a, **k):\\n    return 'forged'\\n")
        def add(a, b):
            return a * b
        """;
    CodeVerdict v = caught(ADD, edit, VerdictReason.WRONG_ANSWER, "test 0", false);
    assertThat(v.tests()).extracting(TestResult::passed).containsExactly(false, false, false);
  }

  @Test
  void killingTheHarnessOrIntrospectingItFails() throws Exception {
    caught(ADD, "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
            + "def add(a, b):\n    return 0\n",
        VerdictReason.RUNTIME_ERROR, "no harness report", null);
    caught(ADD, "import sys\nf = sys._getframe(0)\ndef add(a, b):\n    return 0\n",
        VerdictReason.RUNTIME_ERROR, "tamper", false);
    caught(ADD, "import gc\ndef add(a, b):\n    return 0\n",
        VerdictReason.RUNTIME_ERROR, "tamper", false);
    caught(ADD, "import sys\nsys.settrace(None)\ndef add(a, b):\n    return 0\n",
        VerdictReason.RUNTIME_ERROR, "tamper", false);
  }
}

package dev.assay.verify.proposal;

import dev.assay.verify.code.Fixtures;
import dev.assay.verify.code.LocalSandbox;
import dev.assay.verify.code.CodeVerifier;
import dev.assay.verify.code.CodeTask;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskValidatorTest {

  static Vertx vertx;
  static TaskValidator validator;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    validator = new TaskValidator(new LocalSandbox(vertx),
        TaskValidatorOptions.defaults().withLimits(8_000, 700));
  }

  @AfterAll
  static void tearDown() throws Exception {
    Fixtures.await(vertx.close());
  }

  static TaskValidation validate(String code, String... inputs) throws Exception {
    return Fixtures.await(validator.validate(ProposedProgram.python("p", code, List.of(inputs))));
  }

  @Test
  void aPureProgramIsKeptWithOutputsComputedByRunningIt() throws Exception {
    TaskValidation v = validate("import statistics\n"
        + "def f(xs, k):\n    return sorted(xs)[:k], {'mean': statistics.mean(xs or [0])}\n",
        "[3, 1, 2], 2", "[], 0", "[2.5, 4], 1");
    assertThat(Reasons.of(v)).isEqualTo("ok");
    assertThat(v.valid()).isTrue();
    assertThat(v.outputs()).containsExactly("[[1, 2], {\"mean\": 2}]", "[[], {\"mean\": 0}]",
        "[[2.5], {\"mean\": 3.25}]");
    assertThat(v.outputReprs().get(0)).isEqualTo("([1, 2], {'mean': 2})");
  }

  @Test
  void eachRejectionHasItsReason() throws Exception {
    assertThat(Reasons.of(validate("def f(x)\n    return x\n", "1"))).isEqualTo("syntax_error");
    assertThat(Reasons.of(validate("def f(n):\n    while True:\n        n += 1\n", "1")))
        .isEqualTo("nonterminating");
    assertThat(Reasons.of(validate("def f(x):\n    return 1 // x\n", "1", "0")))
        .isEqualTo("runtime_error");
    assertThat(Reasons.of(validate("def f(x):\n    return float('nan')\n", "1")))
        .isEqualTo("not_json_serialisable");
    assertThat(Reasons.of(validate("def f(x):\n    return lambda: x\n", "1")))
        .isEqualTo("not_json_serialisable");
    assertThat(Reasons.of(validate("def f(x):\n    return x\n", "__import__('os').getcwd()")))
        .isEqualTo("bad_input");
    assertThat(Reasons.of(validate("def g(x):\n    return x\n", "1"))).isEqualTo("no_entry_point");
  }

  @Test
  void bannedModulesAndEffectsAreRejectedStaticallyAndAtRunTime() throws Exception {
    assertThat(Reasons.of(validate("import random\ndef f(x):\n    return random.random()\n", "1")
        )).isEqualTo("banned_import:random");
    assertThat(Reasons.of(validate("from time import time\ndef f(x):\n    return x\n", "1")))
        .isEqualTo("banned_import:time");
    assertThat(Reasons.of(validate("import subprocess\ndef f(x):\n    return x\n", "1")))
        .isEqualTo("banned_import:subprocess");
    assertThat(Reasons.of(validate("def f(p):\n    return open(p).read()\n", "'/etc/hostname'")))
        .isEqualTo("banned_effect:open");
    // file access through a module that is not banned is caught by the audit hook
    TaskValidation codecs = validate(
        "import codecs\ndef f(p):\n    return codecs.open(p).read()[:1]\n", "'/etc/hostname'");
    assertThat(Reasons.of(codecs)).isEqualTo("banned_effect:open");
    // the banned list is configurable
    TaskValidator strict = new TaskValidator(new LocalSandbox(vertx),
        TaskValidatorOptions.defaults().withBannedModules(List.of("math")));
    assertThat(Reasons.of(Fixtures.await(strict.validate(ProposedProgram.python("p",
        "import math\ndef f(x):\n    return math.floor(x)\n", List.of("1.5"))))))
        .isEqualTo("banned_import:math");
  }

  @Test
  void nondeterminismIsCaughtInOneProcessAndAcrossProcesses() throws Exception {
    assertThat(Reasons.of(validate("_n = [0]\ndef f(x):\n    _n[0] += 1\n    return x + _n[0]\n", "1")
        )).isEqualTo("nondeterministic");
    // set order of strings depends on the per-process hash seed
    String words = IntStream.range(0, 60).mapToObj(i -> "'w" + i + "'")
        .collect(Collectors.joining(", ", "[", "]"));
    TaskValidation v = validate("def f(ws):\n    return list(set(ws))\n", words);
    assertThat(Reasons.of(v)).isEqualTo("nondeterministic");
    assertThat(v.detail()).contains("differs between processes");
  }

  @Test
  void proposalsNeedInputsAndMayTakeNoArguments() throws Exception {
    assertThat(Reasons.of(validate("def f():\n    return 1\n"))).isEqualTo("too_few_inputs");
    assertThat(validate("def f():\n    return [1, (2, 3)]\n", "").outputs())
        .containsExactly("[1, [2, 3]]");
  }
}

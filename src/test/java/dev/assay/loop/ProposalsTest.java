package dev.assay.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.store.ProblemRow;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProposalsTest {
  private final Problem mathSeed = Problem.of(Domain.MATH, "seed", "", "m1",
      new JsonObject().put("problem", "What is 2+3?").put("answer", "5"));
  private final Problem codeSeed = Problem.of(Domain.CODE, "seed", "", "c1", new JsonObject().put("format", "seed")
      .put("prompt", "def f(x):\n").put("tests", new JsonArray().add("assert f(1) == 1")).put("entry_point", "f"));

  @Test
  void validMathProposalsAndDropsCarryReasons() {
    String reply = "```json\n[{\"problem\":\"What is 4+4?\",\"answer\":\"8\"},{\"problem\":\"No answer?\"},"
        + "{\"problem\":\"What is 4+4?\",\"answer\":\"8\"}]\n```";
    List<ProblemRow> rows = Proposals.parse(mathSeed, reply, new HashSet<>());
    assertThat(rows).extracting(ProblemRow::status).containsExactly("valid", "dropped", "dropped");
    assertThat(rows).extracting(ProblemRow::dropReason).containsExactly("", "missing_answer", "duplicate");
    assertThat(rows.stream().map(r -> r.problem().id()).distinct().count()).isEqualTo(3);
  }

  @Test
  void unparseableReplyIsOneDrop() {
    List<ProblemRow> rows = Proposals.parse(mathSeed, "I cannot do that", new HashSet<>());
    assertThat(rows).singleElement().extracting(ProblemRow::dropReason).isEqualTo("unparseable");
  }

  @Test
  void codeProposalNeedsTestsCallingItsEntryPoint() {
    String reply = "[{\"prompt\":\"def g(x):\\n\",\"entry_point\":\"g\",\"tests\":[]},"
        + "{\"prompt\":\"def h(x):\\n\",\"entry_point\":\"nothere\",\"tests\":[\"assert nothere(1)\"]},"
        + "{\"prompt\":\"def k(x):\\n\",\"entry_point\":\"k\",\"tests\":[\"assert k(1) == 2\"]}]";
    List<ProblemRow> rows = Proposals.parse(codeSeed, reply, new HashSet<>());
    assertThat(rows).extracting(ProblemRow::dropReason).containsExactly("missing_tests", "bad_entry_point", "");
  }

  @Test
  void proposalEqualToASeedIsADuplicate() {
    Set<String> known = new HashSet<>(Set.of(Problem.of(Domain.MATH, "proposed", mathSeed.id(), "",
        new JsonObject().put("problem", "What is 2+3?").put("answer", "5")).id()));
    List<ProblemRow> rows = Proposals.parse(mathSeed, "[{\"problem\":\"What is 2+3?\",\"answer\":\"5\"}]", known);
    assertThat(rows).singleElement().extracting(ProblemRow::dropReason).isEqualTo("duplicate");
  }
}

package dev.assay.simulator;

import dev.assay.AssayException;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Problems the simulator "knows" from JSONL files, indexed by whitespace-normalised text. Reads
 * the project seed formats (math {@code id,problem,answer}; code
 * {@code id,prompt,tests,entry_point,solution}) and HumanEval, MBPP, GSM8K and MATH records.
 */
final class Knowledge {
  record Math(String answer) {}

  /** {@code solution} is the full source of the reference, defining {@code entryPoint}. */
  record Code(String entryPoint, String solution) {}

  private static final Pattern LAST_DEF = Pattern.compile("(?m)^def\\s+(\\w+)\\s*\\(");

  /** Shorter known texts are not matched inside a longer prompt. */
  private static final int MIN_CONTAINED = 24;

  private final Map<String, Math> math = new HashMap<>();
  private final Map<String, List<Code>> code = new HashMap<>();
  private final Map<String, Code> codeByEntry = new HashMap<>();

  static Knowledge empty() {
    return new Knowledge();
  }

  /** Blocking: reads every file; a line it cannot use is skipped; an unreadable file is a CONFIG error. */
  static Knowledge load(List<Path> files) {
    Knowledge k = new Knowledge();
    for (Path file : files) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            k.add(line);
          }
        }
      } catch (IOException e) {
        throw AssayException.config("simulator.knowledge: cannot read " + file + ": " + e.getMessage());
      }
    }
    return k;
  }

  private void add(String line) {
    JsonObject j;
    try {
      j = new JsonObject(line);
    } catch (DecodeException | ClassCastException e) {
      return;
    }
    if (j.getValue("canonical_solution") instanceof String body && j.getValue("prompt") instanceof String prompt) {
      String entry = j.getString("entry_point", lastDef(prompt));
      addCode(prompt, new Code(entry, prompt + body));
    } else if (j.getValue("solution") instanceof String sol && j.getValue("prompt") instanceof String prompt
        && j.getValue("entry_point") instanceof String entry) {
      addCode(prompt, new Code(entry, sol));
    } else if (j.getValue("text") instanceof String text && j.getValue("code") instanceof String src) {
      addCode(text, new Code(entryOfTests(j.getValue("test_list"), src), src));
    } else if (j.getValue("question") instanceof String q && j.getValue("answer") instanceof String a) {
      String fin = j.getValue("final") instanceof String f ? f : afterHashes(a);
      if (fin != null) {
        math.put(SimRandom.normalise(q), new Math(fin.trim()));
      }
    } else if (j.getValue("problem") instanceof String p && j.getValue("answer") != null) {
      math.put(SimRandom.normalise(p), new Math(String.valueOf(j.getValue("answer")).trim()));
    }
  }

  private void addCode(String key, Code c) {
    if (c.entryPoint() == null) {
      return;
    }
    List<Code> same = code.computeIfAbsent(SimRandom.normalise(key), k -> new ArrayList<>());
    if (!same.contains(c)) {
      same.add(c);
    }
    codeByEntry.merge(c.entryPoint(), c, (a, b) -> a.solution().equals(b.solution()) ? a : AMBIGUOUS);
  }

  private static final Code AMBIGUOUS = new Code("", "");

  private static String afterHashes(String answer) {
    int at = answer.lastIndexOf("####");
    return at < 0 ? null : answer.substring(at + 4).trim();
  }

  /** The function of {@code src} that the first test calls, else the last one it defines. */
  private static String entryOfTests(Object tests, String src) {
    if (tests instanceof JsonArray list && !list.isEmpty() && list.getValue(0) instanceof String first) {
      Matcher defs = LAST_DEF.matcher(src);
      while (defs.find()) {
        if (Pattern.compile("\\b" + defs.group(1) + "\\s*\\(").matcher(first).find()) {
          return defs.group(1);
        }
      }
    }
    return lastDef(src);
  }

  private static String lastDef(String src) {
    Matcher m = LAST_DEF.matcher(src);
    String name = null;
    while (m.find()) {
      name = m.group(1);
    }
    return name;
  }

  /** By the problem's text, else the longest known problem the text contains. */
  Optional<Math> math(String problem) {
    String key = SimRandom.normalise(problem);
    Math exact = math.get(key);
    return exact != null ? Optional.of(exact) : Optional.ofNullable(longestContained(math, key));
  }

  /**
   * By the prompt's text, else the longest known prompt it contains (a loop may wrap it). When
   * several tasks share that text (MBPP has such), the one whose function the prompt names wins.
   */
  Optional<Code> code(String prompt) {
    String key = SimRandom.normalise(prompt);
    List<Code> found = code.get(key);
    if (found == null) {
      found = longestContained(code, key);
    }
    if (found == null) {
      return Optional.empty();
    }
    for (Code c : found) {
      if (Pattern.compile("\\b" + Pattern.quote(c.entryPoint()) + "\\b").matcher(prompt).find()) {
        return Optional.of(c);
      }
    }
    return Optional.of(found.get(0));
  }

  /** By a function name in the prompt that only one known task uses. */
  Optional<Code> codeByEntryPoint(String prompt) {
    Matcher m = Pattern.compile("def\\s+(\\w+)\\s*\\(").matcher(prompt);
    while (m.find()) {
      Code byName = codeByEntry.get(m.group(1));
      if (byName != null && byName != AMBIGUOUS) {
        return Optional.of(byName);
      }
    }
    return Optional.empty();
  }

  private static <T> T longestContained(Map<String, T> index, String text) {
    String best = null;
    for (String known : index.keySet()) {
      if (known.length() >= MIN_CONTAINED && (best == null || known.length() > best.length())
          && text.contains(known)) {
        best = known;
      }
    }
    return best == null ? null : index.get(best);
  }

  int size() {
    return math.size() + code.size();
  }
}

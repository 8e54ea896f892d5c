package dev.assay.simulator;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which real server the simulator imitates ({@code simulator.behaves_like}), on the points where
 * OpenAI-compatible servers differ and Assay must adapt:
 * <ul>
 *   <li>{@code vllm}: {@code n} honoured; {@code usage.completion_tokens} sums every choice;
 *       {@code POST /tokenize {"model","prompt"}} answers {@code {"count","max_model_len","tokens"}};
 *       extra request fields accepted.</li>
 *   <li>{@code llama.cpp} ({@code llama-server}): {@code n} at most {@code slots}, else HTTP 400
 *       {@code Field 'n': Value must be between 1 <= value <= <slots>, but got <n>}; usage counts
 *       choice 0 only; {@code POST /tokenize {"content"}} answers {@code {"tokens":[...]}}.</li>
 *   <li>{@code ollama}: {@code n} ignored (always one choice); no tokenize endpoint.</li>
 *   <li>{@code openai}: {@code n} honoured, usage sums; an unknown request field is HTTP 400
 *       {@code Unrecognized request argument supplied: <field>}; no tokenize endpoint.</li>
 * </ul>
 */
enum Behaviour {
  VLLM("vllm"), LLAMA_CPP("llama.cpp"), OLLAMA("ollama"), OPENAI("openai");

  static final List<String> NAMES = List.of("vllm", "llama.cpp", "ollama", "openai");
  /** The request fields of OpenAI's chat-completions API. */
  static final Set<String> OPENAI_FIELDS = Set.of("model", "messages", "n", "seed", "temperature", "top_p",
      "max_tokens", "max_completion_tokens", "stop", "stream", "stream_options", "frequency_penalty",
      "presence_penalty", "logit_bias", "logprobs", "top_logprobs", "response_format", "tools", "tool_choice",
      "parallel_tool_calls", "user", "service_tier", "store", "metadata", "modalities", "audio", "prediction",
      "reasoning_effort", "functions", "function_call", "web_search_options");

  final String wire;

  Behaviour(String wire) {
    this.wire = wire;
  }

  static Behaviour of(String name) {
    String n = name == null ? "vllm" : name.trim().toLowerCase(Locale.ROOT);
    for (Behaviour b : values()) {
      if (b.wire.equals(n)) {
        return b;
      }
    }
    throw new IllegalArgumentException("behaves_like must be one of " + NAMES + ", got '" + name + "'");
  }

  /** The message of the HTTP 400 this server gives a request, or null when it takes it. */
  String reject(JsonObject request, int slots) {
    if (this == OPENAI) {
      for (String field : request.fieldNames()) {
        if (!OPENAI_FIELDS.contains(field)) {
          return "Unrecognized request argument supplied: " + field;
        }
      }
    }
    int n = request.getValue("n") instanceof Number num ? num.intValue() : 1;
    if (this == LLAMA_CPP && n > slots) {
      return "Field 'n': Value must be between 1 <= value <= " + slots + ", but got " + n;
    }
    return null;
  }

  /** How many choices this server generates for {@code n}. */
  int choices(int n) {
    return this == OLLAMA ? 1 : n;
  }

  /** {@code usage.completion_tokens} for choices of these sizes. */
  int usage(List<Integer> tokens) {
    return this == LLAMA_CPP ? tokens.get(0) : tokens.stream().mapToInt(Integer::intValue).sum();
  }

  boolean tokenizes() {
    return this == VLLM || this == LLAMA_CPP;
  }

  /** The tokenize reply in this server's shape for a request body; null = HTTP 400. */
  JsonObject tokenize(JsonObject body) {
    if (this == VLLM) {
      if (!(body.getValue("prompt") instanceof String text)) {
        return null;
      }
      return new JsonObject().put("count", SimTokens.count(text)).put("max_model_len", 32_768)
          .put("tokens", SimTokens.ids(text));
    }
    String text = body.getValue("content") instanceof String s ? s : "";
    return new JsonObject().put("tokens", SimTokens.ids(text));
  }
}

package dev.assay.model;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Per-request overrides of the model's sampling settings; null fields keep the model's defaults.
 *
 * @param stop stop sequences, empty for none
 * @param extraBody fields added to the request body as they are (vLLM and SGLang take e.g.
 *     {@code top_k}, {@code repetition_penalty}, {@code chat_template_kwargs}); empty for none
 * @param tools the OpenAI {@code tools} offered to the model (function definitions); empty for none
 */
public record RequestOptions(Integer maxTokens, Double temperature, Double topP, List<String> stop, JsonObject extraBody,
    io.vertx.core.json.JsonArray tools) {
  public static final RequestOptions DEFAULTS = new RequestOptions(null, null, null, List.of(), new JsonObject(), null);

  public RequestOptions {
    stop = stop == null ? List.of() : List.copyOf(stop);
    extraBody = extraBody == null ? new JsonObject() : extraBody;
    tools = tools == null ? new io.vertx.core.json.JsonArray() : tools;
  }

  public RequestOptions(Integer maxTokens, Double temperature, Double topP, List<String> stop, JsonObject extraBody) {
    this(maxTokens, temperature, topP, stop, extraBody, null);
  }

  /** The same options offering {@code offered} tools (and, when given, stop sequences added). */
  public RequestOptions withTools(io.vertx.core.json.JsonArray offered, List<String> moreStops) {
    List<String> stops = new java.util.ArrayList<>(stop);
    moreStops.stream().filter(s -> !stops.contains(s)).forEach(stops::add);
    return new RequestOptions(maxTokens, temperature, topP, stops, extraBody, offered);
  }
}

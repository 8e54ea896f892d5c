package dev.assay.model;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Per-request overrides of the model's sampling settings; null fields keep the model's defaults.
 *
 * @param stop stop sequences, empty for none
 * @param extraBody fields added to the request body as they are (vLLM and SGLang take e.g.
 *     {@code top_k}, {@code repetition_penalty}, {@code chat_template_kwargs}); empty for none
 */
public record RequestOptions(Integer maxTokens, Double temperature, Double topP, List<String> stop, JsonObject extraBody) {
  public static final RequestOptions DEFAULTS = new RequestOptions(null, null, null, List.of(), new JsonObject());

  public RequestOptions {
    stop = stop == null ? List.of() : List.copyOf(stop);
    extraBody = extraBody == null ? new JsonObject() : extraBody;
  }
}

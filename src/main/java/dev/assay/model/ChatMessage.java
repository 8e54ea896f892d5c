package dev.assay.model;

import io.vertx.core.json.JsonArray;
import java.util.Objects;

/**
 * One chat message: {@code role} is {@code system}, {@code user}, {@code assistant} or {@code tool}.
 * An assistant message may carry OpenAI {@code tool_calls} ({@code [{id, type: "function", function:
 * {name, arguments}}]}); a tool message answers one of them by {@code toolCallId}.
 */
public record ChatMessage(String role, String content, JsonArray toolCalls, String toolCallId) {
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    content = content == null ? "" : content;
    toolCalls = toolCalls == null ? new JsonArray() : toolCalls;
  }

  public ChatMessage(String role, String content) {
    this(role, content, null, null);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  public static ChatMessage assistant(String content, JsonArray toolCalls) {
    return new ChatMessage("assistant", content, toolCalls, null);
  }

  public static ChatMessage tool(String toolCallId, String content) {
    return new ChatMessage("tool", content, null, toolCallId);
  }
}

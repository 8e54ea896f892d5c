package dev.assay.verify.math;

import dev.assay.AssayException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Where a prompt asks the model to put its final answer; strict extraction reads only there (see
 * {@link StrictExtractor} for the exact rule). Immutable; a prompt template can carry its own.
 *
 * <ul>
 *   <li>{@code boxed}: the last {@code \boxed{..}} / {@code \fbox{..}}
 *   <li>{@code line}: the last explicit final-answer statement ({@code The answer is X},
 *       {@code Final answer: X}, {@code #### X})
 *   <li>{@code boxed_or_line} (the {@link #DEFAULT}): whichever of the two comes last
 *   <li>{@code regex:<pattern>}: the last match of a Java regular expression with exactly one
 *       capturing group, which holds the answer (e.g. {@code regex:<answer>(.*?)</answer>})
 * </ul>
 */
public final class AnswerFormat {
  /** The kinds of place. */
  public enum Place {
    BOXED,
    LINE,
    BOXED_OR_LINE,
    REGEX
  }

  public static final AnswerFormat DEFAULT = new AnswerFormat(Place.BOXED_OR_LINE, null);
  private static final String REGEX_PREFIX = "regex:";

  private final Place place;
  private final Pattern regex;

  private AnswerFormat(Place place, Pattern regex) {
    this.place = place;
    this.regex = regex;
  }

  public static AnswerFormat boxed() {
    return new AnswerFormat(Place.BOXED, null);
  }

  public static AnswerFormat line() {
    return new AnswerFormat(Place.LINE, null);
  }

  /**
   * A format read by a regular expression (matched with DOTALL off, MULTILINE on).
   *
   * @throws AssayException INVALID_INPUT when it does not compile or has not exactly one group
   */
  public static AnswerFormat regex(String regex) {
    Pattern p;
    try {
      p = Pattern.compile(Objects.requireNonNull(regex, "regex"), Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      throw AssayException.invalid("regex does not compile: " + e.getDescription());
    }
    int groups = p.matcher("").groupCount();
    if (groups != 1) {
      throw AssayException.invalid("regex must have exactly one capturing group, has " + groups);
    }
    return new AnswerFormat(Place.REGEX, p);
  }

  /**
   * Parses the wire form: {@code boxed}, {@code line}, {@code boxed_or_line} or
   * {@code regex:<pattern>}; null or blank is the {@link #DEFAULT}.
   *
   * @throws AssayException INVALID_INPUT naming the value for anything else
   */
  public static AnswerFormat parse(String s) {
    if (s == null || s.isBlank()) {
      return DEFAULT;
    }
    if (s.startsWith(REGEX_PREFIX)) {
      return regex(s.substring(REGEX_PREFIX.length()));
    }
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "boxed" -> boxed();
      case "line" -> line();
      case "boxed_or_line" -> DEFAULT;
      default -> throw AssayException.invalid(
          "must be boxed, line, boxed_or_line or regex:<pattern>, got '" + s + "'");
    };
  }

  public Place place() {
    return place;
  }

  /** The compiled pattern of a {@link Place#REGEX} format, else null. */
  public Pattern pattern() {
    return regex;
  }

  boolean boxes() {
    return place == Place.BOXED || place == Place.BOXED_OR_LINE;
  }

  boolean lines() {
    return place == Place.LINE || place == Place.BOXED_OR_LINE;
  }

  /** The wire form accepted by {@link #parse}. */
  public String wire() {
    return place == Place.REGEX ? REGEX_PREFIX + regex.pattern() : place.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnswerFormat f && f.wire().equals(wire());
  }

  @Override
  public int hashCode() {
    return wire().hashCode();
  }

  @Override
  public String toString() {
    return wire();
  }
}

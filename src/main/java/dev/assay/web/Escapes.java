package dev.assay.web;

/**
 * Percent escapes of a request's path and query checked before anything decodes them, so a
 * malformed one ({@code %ZZ}, a lone {@code %}) is a 400 naming the parameter (or {@code path})
 * instead of a decoder's exception.
 */
final class Escapes {
  private Escapes() {}

  /** The error for the first malformed escape, naming its query parameter or {@code path}; null when all are well formed. */
  static ApiError check(String path, String query) {
    if (path != null && !wellFormed(path)) {
      return ApiError.field("path", "malformed percent escape in the request path");
    }
    if (query == null) {
      return null;
    }
    for (String part : query.split("[&;]")) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      if (!wellFormed(part)) {
        return wellFormed(name) && !name.isEmpty()
            ? ApiError.field(decode(name), "malformed percent escape in the value of this query parameter")
            : ApiError.field("query", "malformed percent escape in a query parameter's name");
      }
    }
    return null;
  }

  /** Whether every '%' is followed by two hex digits. */
  static boolean wellFormed(String s) {
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}

package io.dcnet.rest.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a Netty request into an {@link HttpApiRequest} plus its decoded path segments.
 *
 * <p>Stateless; thread-safe.
 */
final class HttpRequestDecoding {
  private HttpRequestDecoding() {}

  record Decoded(HttpApiRequest request, List<String> segments) {}

  /** Throws IllegalArgumentException for a target that is not a path or has bad escapes. */
  static Decoded decode(FullHttpRequest req) {
    QueryStringDecoder qs = new QueryStringDecoder(req.uri());
    String rawPath = rawPath(req.uri(), qs.rawPath());
    List<String> segments = new ArrayList<>();
    for (String seg : PathPattern.segments(rawPath)) {
      segments.add(decodeSegment(seg));
    }
    String path = "/" + String.join("/", segments);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : req.headers()) {
      headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
    }
    byte[] body = ByteBufUtil.getBytes(req.content());
    HttpApiRequest r =
        new HttpApiRequest(req.method().name(), path, Map.of(), qs.parameters(), headers, body);
    return new Decoded(r, List.copyOf(segments));
  }

  private static String rawPath(String uri, String rawPath) {
    if (rawPath.startsWith("/")) {
      return rawPath;
    }
    if (uri.startsWith("http://") || uri.startsWith("https://")) {
      try {
        String p = new URI(uri).getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("request target: " + uri + " (expected a URI)", e);
      }
    }
    throw new IllegalArgumentException("request target: " + uri + " (expected: /path or http URI)");
  }

  private static String decodeSegment(String seg) {
    // '+' is literal in a path; URLDecoder would turn it into a space.
    return URLDecoder.decode(seg.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}

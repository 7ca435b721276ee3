package io.dcnet.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpRouterTest {
  private static final HttpHandler OK = req -> HttpResponse.text(200, "ok");

  @Test
  void matchesParametersAndPrefersLiterals() {
    HttpRouter r = new HttpRouter();
    HttpRoute param = HttpRoute.get("/v1/hosts/{host}", OK);
    HttpRoute ports = HttpRoute.get("/v1/hosts/{host}/ports", OK);
    HttpRoute literal = HttpRoute.get("/v1/hosts/all", OK);
    r.add(param);
    r.add(ports);
    r.add(literal);
    assertThat(r.match("GET", List.of("v1", "hosts", "a.mesos")))
        .isEqualTo(new HttpRouter.Match.Found(param, Map.of("host", "a.mesos")));
    assertThat(r.match("GET", List.of("v1", "hosts", "a", "ports")))
        .isEqualTo(new HttpRouter.Match.Found(ports, Map.of("host", "a")));
    assertThat(r.match("GET", List.of("v1", "hosts", "all")))
        .isEqualTo(new HttpRouter.Match.Found(literal, Map.of()));
    assertThat(r.match("GET", List.of("v1", "hosts")))
        .isInstanceOf(HttpRouter.Match.NotFound.class);
    assertThat(r.match("GET", List.of("v1", "hosts", "")))
        .isInstanceOf(HttpRouter.Match.NotFound.class);
    assertThat(r.match("POST", List.of("v1", "hosts", "x")))
        .isEqualTo(new HttpRouter.Match.MethodNotAllowed(Set.of("GET")));
  }

  @Test
  void rootPathMatchesNoSegments() {
    HttpRouter r = new HttpRouter();
    HttpRoute root = HttpRoute.get("/", OK);
    r.add(root);
    assertThat(r.match("GET", List.of())).isEqualTo(new HttpRouter.Match.Found(root, Map.of()));
  }

  @Test
  void rejectsDuplicatesAndBadPatterns() {
    HttpRouter r = new HttpRouter();
    r.add(HttpRoute.get("/a/{x}", OK));
    r.add(HttpRoute.post("/a/{x}", OK));
    assertThatThrownBy(() -> r.add(HttpRoute.get("/a/{y}", OK)))
        .hasMessageContaining("expected a unique method and path");
    assertThatThrownBy(() -> PathPattern.parse("a/b")).hasMessageContaining("path pattern: a/b");
    assertThatThrownBy(() -> PathPattern.parse("/a//b")).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> PathPattern.parse("/{x}/{x}")).hasMessageContaining("unique");
    assertThatThrownBy(() -> HttpRoute.of("TRACE", "/a", OK)).hasMessageContaining("method: TRACE");
  }

  @Test
  void etagMatchingFollowsIfNoneMatchRules() {
    String tag = HttpETag.of(new byte[] {1, 2, 3});
    assertThat(tag)
        .isEqualTo(HttpETag.of(new byte[] {1, 2, 3}))
        .isNotEqualTo(HttpETag.of(new byte[0]));
    assertThat(HttpETag.matches(null, tag)).isFalse();
    assertThat(HttpETag.matches("*", tag)).isTrue();
    assertThat(HttpETag.matches("\"a\", W/" + tag, tag)).isTrue();
    assertThat(HttpETag.matches("\"a\"", tag)).isFalse();
  }
}

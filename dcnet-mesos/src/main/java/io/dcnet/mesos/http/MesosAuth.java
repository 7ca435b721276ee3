package io.dcnet.mesos.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How dcnet authenticates to Mesos masters and agents: nothing, a DC/OS {@code token=} header, or
 * HTTP Basic with a principal and secret.
 *
 * <p>Thread-safe: immutable.
 */
public sealed interface MesosAuth {

  /** The {@code Authorization} header value, or empty for no header. */
  Optional<String> authorizationHeader();

  /** No authentication. */
  static MesosAuth none() {
    return new None();
  }

  /** {@code Authorization: token=<token>} (DC/OS). */
  static MesosAuth token(String token) {
    return new Token(token);
  }

  /** HTTP Basic. */
  static MesosAuth basic(String principal, String secret) {
    return new Basic(principal, secret);
  }

  /** No authentication. */
  record None() implements MesosAuth {
    @Override
    public Optional<String> authorizationHeader() {
      return Optional.empty();
    }
  }

  /** A DC/OS authentication token, sent as {@code Authorization: token=<token>}. */
  record Token(String token) implements MesosAuth {
    public Token {
      Objects.requireNonNull(token, "token");
      if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException(
            "token: must be non-empty without control characters (expected: a DC/OS auth token)");
      }
    }

    @Override
    public Optional<String> authorizationHeader() {
      return Optional.of("token=" + token);
    }

    @Override
    public String toString() {
      return "Token[****]";
    }
  }

  /** HTTP Basic authentication with a Mesos principal and secret. */
  record Basic(String principal, String secret) implements MesosAuth {
    public Basic {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(secret, "secret");
      if (principal.isEmpty() || principal.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "principal: '" + principal + "' (expected: non-empty, without ':')");
      }
    }

    @Override
    public Optional<String> authorizationHeader() {
      String raw = principal + ":" + secret;
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "Basic[principal=" + principal + ", secret=****]";
    }
  }
}

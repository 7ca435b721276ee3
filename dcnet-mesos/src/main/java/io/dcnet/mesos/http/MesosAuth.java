package io.dcnet.mesos.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How dcnet authenticates to Mesos masters and agents: nothing, a fixed DC/OS {@code token=}
 * header, HTTP Basic with a principal and secret, or a {@code token=} header whose token is fetched
 * and renewed over time (DC/OS IAM service-account login, see {@code io.dcnet.mesos.iam}).
 *
 * <p>Thread-safe: {@link None}, {@link Token} and {@link Basic} are immutable; {@link
 * RenewingToken} guards its cache with a lock.
 */
public sealed interface MesosAuth {

  /** The default renewal period of {@link #renewingToken(TokenSource)}. */
  Duration DEFAULT_RENEW_AFTER = Duration.ofMinutes(30);

  /**
   * The {@code Authorization} header value, or empty for no header. May block to fetch or renew a
   * token ({@link RenewingToken} only).
   *
   * @throws IOException no token could be obtained
   */
  Optional<String> authorizationHeader() throws IOException, InterruptedException;

  /**
   * Called after Mesos answered 401 to a request that carried {@code sentHeader} (null: none).
   *
   * @return true when retrying the request once with a fresh {@link #authorizationHeader()} may
   *     succeed; false for fixed credentials
   */
  default boolean unauthorized(String sentHeader) {
    return false;
  }

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

  /**
   * {@code Authorization: token=<token>} with a token from {@code source}: fetched on first use,
   * renewed every {@link #DEFAULT_RENEW_AFTER} (30 minutes) and once right after a 401.
   */
  static MesosAuth renewingToken(TokenSource source) {
    return renewingToken(source, DEFAULT_RENEW_AFTER, Clock.systemUTC());
  }

  /**
   * {@code Authorization: token=<token>} with a token from {@code source}, renewed when {@code
   * renewAfter} has passed on {@code clock} since the last fetch, and once right after a 401.
   */
  static MesosAuth renewingToken(TokenSource source, Duration renewAfter, Clock clock) {
    return new RenewingToken(new TokenCache(source, renewAfter, clock));
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

  /**
   * A DC/OS token that changes over time, sent as {@code Authorization: token=<current token>}.
   * Thread-safe: the cache is locked while a token is fetched.
   */
  record RenewingToken(TokenCache cache) implements MesosAuth {
    private static final String PREFIX = "token=";

    public RenewingToken {
      Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Optional<String> authorizationHeader() throws IOException, InterruptedException {
      return Optional.of(PREFIX + cache.current());
    }

    @Override
    public boolean unauthorized(String sentHeader) {
      String sent =
          sentHeader != null && sentHeader.startsWith(PREFIX)
              ? sentHeader.substring(PREFIX.length())
              : null;
      return cache.invalidate(sent);
    }

    @Override
    public String toString() {
      return "RenewingToken[source=" + cache.source() + ", renewAfter=" + cache.renewAfter() + "]";
    }
  }
}

package io.dcnet.mesos.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current token of a {@link TokenSource}: fetched lazily on first use, renewed when
 * {@code renewAfter} has passed since it was fetched, and dropped after a 401 ({@link
 * #invalidate(String)}).
 *
 * <p>Built by {@link MesosAuth#renewingToken}. A failed scheduled renewal keeps the old token
 * (logged at WARN once per failure streak) and is retried on the next use; without a token the
 * failure is thrown to the caller.
 *
 * <p>Thread-safe: all state is guarded by {@code this}; a fetch runs while holding the lock, so
 * concurrent requests wait for a single login instead of each logging in.
 */
public final class TokenCache {
  private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

  private final TokenSource source;
  private final Duration renewAfter;
  private final Clock clock;
  private String token;
  private Instant fetchedAt = Instant.MIN;
  private boolean renewalFailing;

  TokenCache(TokenSource source, Duration renewAfter, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.renewAfter = Objects.requireNonNull(renewAfter, "renewAfter");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (renewAfter.isNegative() || renewAfter.isZero()) {
      throw new IllegalArgumentException("renewAfter: " + renewAfter + " (expected: > 0)");
    }
  }

  /** How long a fetched token is used before it is renewed. */
  public Duration renewAfter() {
    return renewAfter;
  }

  /** Where tokens come from. */
  public TokenSource source() {
    return source;
  }

  /** The current token, fetching or renewing it first when needed. */
  synchronized String current() throws IOException, InterruptedException {
    Instant now = clock.instant();
    if (token != null && now.isBefore(fetchedAt.plus(renewAfter))) {
      return token;
    }
    try {
      String fresh = validate(source.fetchToken());
      if (token != null || renewalFailing) {
        LOG.debug("renewed the Mesos auth token from {}", source);
      } else {
        LOG.info("obtained a Mesos auth token from {}", source);
      }
      token = fresh;
      fetchedAt = now;
      renewalFailing = false;
      return token;
    } catch (IOException e) {
      if (token == null) {
        throw e;
      }
      if (!renewalFailing) {
        LOG.warn("renewing the Mesos auth token failed, keeping the old one: {}", e.getMessage());
        renewalFailing = true;
      }
      return token;
    }
  }

  /**
   * Forgets {@code rejected} (the token a 401 answered) so the next {@link #current()} fetches a
   * new one. Does nothing when the token was already replaced by another thread.
   *
   * @return true when a retry may succeed (the token was dropped or has already changed)
   */
  synchronized boolean invalidate(String rejected) {
    if (rejected == null) {
      return token != null;
    }
    if (rejected.equals(token)) {
      LOG.info("Mesos rejected the auth token (HTTP 401); fetching a new one from {}", source);
      token = null;
      fetchedAt = Instant.MIN;
    }
    return true;
  }

  private String validate(String t) throws IOException {
    if (t == null || t.isEmpty() || t.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IOException(
          source + ": token: empty or with control characters (expected: a DC/OS auth token)");
    }
    return t;
  }
}

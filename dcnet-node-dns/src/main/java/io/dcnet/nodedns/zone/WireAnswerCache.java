package io.dcnet.nodedns.zone;

import io.dcnet.dns.server.WireQuestion;
import io.dcnet.nodedns.config.LoadBalance;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Type;

/**
 * Complete replies of plain internal queries ({@link WireQuestion}: lower-case name, class IN, one
 * question) in wire form, for one zone snapshot: per (name, A/AAAA/SRV) the reply the regular path
 * gives, rendered once on first use by that same path with the id, RD and CD bits cleared. A reply
 * is a copy of it with the query's id, RD and CD patched in. When the answer order rotates ({@code
 * round_robin}, or {@code random} with two answers), one reply per rotation is kept and the query
 * id picks it as the regular path would ({@code id mod n}; a random one for {@code random}).
 *
 * <p>Only replies with RCODE NOERROR (the name exists) are kept, at most {@link #MAX_ENTRIES}, so
 * queries for random missing names cost no memory; shapes the templates cannot reproduce ({@code
 * random} with more than two answers, more than {@link #MAX_ROTATIONS} answers) are remembered as
 * such and take the regular path.
 *
 * <p>Thread-safe: concurrent maps of immutable arrays (never modified after publication); racing
 * builders produce equal entries and the first one stays.
 */
final class WireAnswerCache {
  static final int MAX_ENTRIES = 100_000;
  static final int MAX_ROTATIONS = 16;

  /** Marker of a (name, type) that exists but always takes the regular path. */
  static final byte[][] REGULAR_PATH = new byte[0][];

  /**
   * What {@link Builder#build} made.
   *
   * @param templates one reply per rotation ({@link #REGULAR_PATH}: none), or null when the query
   *     cannot be answered from a template at all
   * @param keep whether the templates may be kept (the name exists)
   */
  @SuppressWarnings("ArrayRecordComponent") // transient, never compared
  record Built(byte[][] templates, boolean keep) {}

  /** Renders the templates of one question (the regular path, run once per cached entry). */
  @FunctionalInterface
  interface Builder {
    Built build(WireQuestion q);
  }

  private final LoadBalance policy;
  private final Map<String, byte[][]> a = new ConcurrentHashMap<>();
  private final Map<String, byte[][]> aaaa = new ConcurrentHashMap<>();
  private final Map<String, byte[][]> srv = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  WireAnswerCache(LoadBalance policy) {
    this.policy = policy;
  }

  /** The reply to {@code q} within {@code limit} bytes, or null for the regular path. */
  byte[] answer(WireQuestion q, int limit, Builder builder) {
    Map<String, byte[][]> m =
        switch (q.qtype()) {
          case Type.A -> a;
          case Type.AAAA -> aaaa;
          case Type.SRV -> srv;
          default -> null;
        };
    if (m == null) {
      return null;
    }
    byte[][] t = m.get(q.name());
    if (t == null) {
      Built b = builder.build(q);
      if (b == null || b.templates() == null) {
        return null;
      }
      t = b.templates();
      if (b.keep() && size.get() < MAX_ENTRIES && m.putIfAbsent(q.name(), t) == null) {
        size.incrementAndGet();
      }
    }
    if (t.length == 0) {
      return null;
    }
    byte[] template = t[t.length == 1 ? 0 : pick(q.id(), t.length)];
    if (template.length > limit) {
      return null; // the regular path truncates
    }
    byte[] out = template.clone();
    byte[] query = q.wire();
    out[0] = query[0];
    out[1] = query[1];
    out[2] = (byte) (out[2] | (query[2] & 0x01)); // RD
    out[3] = (byte) (out[3] | (query[3] & 0x10)); // CD
    return out;
  }

  private int pick(int id, int n) {
    return policy == LoadBalance.RANDOM
        ? ThreadLocalRandom.current().nextInt(n)
        : Math.floorMod(id, n);
  }

  /** Number of kept (name, type) entries. */
  int size() {
    return size.get();
  }
}

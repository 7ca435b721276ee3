package io.dcnet.dns.server;

import java.nio.charset.StandardCharsets;

/**
 * The one question of a plain query, read straight from its bytes for the fast path ({@link
 * FastAnswerer}). {@link #parse} accepts only the common shape and returns null for anything else,
 * which then takes the regular (dnsjava) path:
 *
 * <ul>
 *   <li>QR=0, opcode QUERY, QDCOUNT=1, ANCOUNT=NSCOUNT=0, ARCOUNT 0 or 1;
 *   <li>the name uncompressed, each label 1-63 bytes of {@code a-z 0-9 - _} only (no upper case, no
 *       {@code *}, nothing that needs escaping), class IN;
 *   <li>with ARCOUNT=1: a plain EDNS0 OPT (root owner, version 0, no options);
 *   <li>no trailing bytes.
 * </ul>
 *
 * <p>Immutable; thread-safe. Keeps a reference to the query bytes, which must not change.
 */
public final class WireQuestion {
  private static final int HEADER = 12;
  private static final int OPT_BYTES = 11;
  private static final int TYPE_OPT = 41;
  private static final int CLASS_IN = 1;

  private final byte[] wire;
  private final int questionEnd;
  private final int qtype;
  private final String name;
  private final int ednsPayload;

  private WireQuestion(byte[] wire, int questionEnd, int qtype, String name, int ednsPayload) {
    this.wire = wire;
    this.questionEnd = questionEnd;
    this.qtype = qtype;
    this.name = name;
    this.ednsPayload = ednsPayload;
  }

  /** The question of {@code wire}, or null when the query is not of the plain shape above. */
  public static WireQuestion parse(byte[] wire) {
    int n = wire.length;
    if (n < HEADER + 5
        || (wire[2] & 0xF8) != 0 // QR=0, opcode 0
        || u16(wire, 4) != 1
        || u16(wire, 6) != 0
        || u16(wire, 8) != 0) {
      return null;
    }
    int arcount = u16(wire, 10);
    if (arcount > 1) {
      return null;
    }
    int pos = HEADER;
    while (true) {
      if (pos >= n) {
        return null;
      }
      int len = wire[pos] & 0xFF;
      if (len == 0) {
        pos++;
        break;
      }
      if (len > 63 || pos + 1 + len > n || pos + 1 + len - HEADER > 254) {
        return null; // also rejects compression pointers (0xC0..)
      }
      for (int i = pos + 1; i <= pos + len; i++) {
        if (!plain(wire[i])) {
          return null;
        }
      }
      pos += 1 + len;
    }
    if (pos == HEADER + 1 || pos + 4 > n || u16(wire, pos + 2) != CLASS_IN) {
      return null; // the root name is never ours; class other than IN goes the long way
    }
    int qtype = u16(wire, pos);
    int questionEnd = pos + 4;
    int ednsPayload = -1;
    if (arcount == 1) {
      int o = questionEnd;
      if (n != o + OPT_BYTES
          || wire[o] != 0
          || u16(wire, o + 1) != TYPE_OPT
          || wire[o + 6] != 0 // EDNS version 0
          || u16(wire, o + 9) != 0) { // no options
        return null;
      }
      ednsPayload = u16(wire, o + 3);
    } else if (n != questionEnd) {
      return null;
    }
    return new WireQuestion(wire, questionEnd, qtype, text(wire, pos), ednsPayload);
  }

  private static boolean plain(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
  }

  /** The name as dotted text with the trailing dot, e.g. {@code web.marathon.mesos.}. */
  private static String text(byte[] wire, int nameEnd) {
    byte[] out = new byte[nameEnd - HEADER - 1];
    int pos = HEADER;
    int o = 0;
    while (wire[pos] != 0) {
      int len = wire[pos];
      System.arraycopy(wire, pos + 1, out, o, len);
      o += len;
      out[o++] = '.';
      pos += 1 + len;
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  /** The query bytes (read-only). */
  public byte[] wire() {
    return wire;
  }

  /** Offset just past the question (name, type, class); the question starts at 12. */
  public int questionEnd() {
    return questionEnd;
  }

  public int qtype() {
    return qtype;
  }

  /** The question name, lower case, dotted, with the trailing dot. */
  public String name() {
    return name;
  }

  /** True when the query carries an EDNS0 OPT record. */
  public boolean edns() {
    return ednsPayload >= 0;
  }

  /** The query id. */
  public int id() {
    return u16(wire, 0);
  }

  /**
   * The reply size limit, as {@link ResponseTruncator#sizeLimit}: 65535 over TCP; over UDP the
   * EDNS0 size (at least 512), or 512 without EDNS0.
   */
  public int sizeLimit(DnsProtocol protocol) {
    if (protocol == DnsProtocol.TCP) {
      return ResponseTruncator.TCP_LIMIT;
    }
    if (ednsPayload < 0) {
      return ResponseTruncator.UDP_LIMIT;
    }
    return Math.max(ResponseTruncator.UDP_LIMIT, ednsPayload);
  }
}

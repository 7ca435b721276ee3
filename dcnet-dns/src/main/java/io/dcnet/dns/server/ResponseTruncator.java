package io.dcnet.dns.server;

import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Fits a reply into the size limit the way Mesos-DNS does (spec §4.3): if the compressed size
 * exceeds the limit, drop the whole additional section; if it is still at or over the limit, remove
 * the fewest trailing answers (binary search) so that the size is below it. The TC bit follows
 * {@code setTruncateBit}.
 *
 * <p>Rendering uses case-sensitive compression ({@link WireWriter}), like Mesos-DNS. A {@link
 * RelayedMessage} that fits is sent as received.
 *
 * <p>Stateless; thread-safe. {@link #fit} mutates the message passed in.
 */
public final class ResponseTruncator {
  /** Limit over TCP. */
  public static final int TCP_LIMIT = 65535;

  /** Limit over UDP without EDNS0 in the request. */
  public static final int UDP_LIMIT = 512;

  private ResponseTruncator() {}

  /**
   * The size limit for a reply to {@code request}: 65535 over TCP; over UDP the EDNS0 advertised
   * size (at least 512), or 512 without EDNS0.
   */
  public static int sizeLimit(Message request, DnsProtocol protocol) {
    if (protocol == DnsProtocol.TCP) {
      return TCP_LIMIT;
    }
    OPTRecord opt = request.getOPT();
    if (opt == null) {
      return UDP_LIMIT;
    }
    return Math.min(TCP_LIMIT, Math.max(UDP_LIMIT, opt.getPayloadSize()));
  }

  /**
   * The wire form of a reply cut to fit.
   *
   * @param wire the bytes to send
   * @param truncated whether records were removed here
   */
  @SuppressWarnings("ArrayRecordComponent") // transient result, never compared
  public record Fitted(byte[] wire, boolean truncated) {}

  /** Renders {@code reply} (compressed) within {@code limit} bytes; mutates {@code reply}. */
  public static Fitted fit(Message reply, int limit, boolean setTruncateBit) {
    if (reply instanceof RelayedMessage relayed && relayed.wire().length <= limit) {
      byte[] wire = relayed.wire().clone();
      int id = reply.getHeader().getID();
      wire[0] = (byte) (id >>> 8);
      wire[1] = (byte) id;
      boolean tc = setTruncateBit && (wire[2] & 0x02) != 0;
      wire[2] = (byte) (tc ? wire[2] | 0x02 : wire[2] & ~0x02);
      return new Fitted(wire, false);
    }
    byte[] wire = WireWriter.render(reply);
    boolean truncated = false;
    if (wire.length > limit) {
      truncated = true;
      reply.removeAllRecords(Section.ADDITIONAL);
      wire = WireWriter.render(reply);
      if (wire.length >= limit) {
        wire = cutAnswers(reply, limit);
      }
    }
    boolean tc = setTruncateBit && (truncated || reply.getHeader().getFlag(Flags.TC));
    // TC is bit 1 of the third header byte; patch it instead of rendering again.
    wire[2] = (byte) (tc ? wire[2] | 0x02 : wire[2] & ~0x02);
    return new Fitted(wire, truncated);
  }

  private static byte[] cutAnswers(Message reply, int limit) {
    List<Record> answers = reply.getSection(Section.ANSWER);
    // Largest k in [0, n-1] with size(k) < limit; size(n) is known to be >= limit.
    int lo = 0;
    int hi = answers.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (renderWithAnswers(reply, answers, mid).length < limit) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    byte[] wire = renderWithAnswers(reply, answers, Math.max(lo, 0));
    if (wire.length >= limit) {
      // Not in Mesos-DNS: even the bare question and authority do not fit; never send an
      // oversized datagram, drop the authority section too.
      reply.removeAllRecords(Section.AUTHORITY);
      wire = WireWriter.render(reply);
    }
    return wire;
  }

  private static byte[] renderWithAnswers(Message reply, List<Record> answers, int k) {
    reply.removeAllRecords(Section.ANSWER);
    for (int i = 0; i < k; i++) {
      reply.addRecord(answers.get(i), Section.ANSWER);
    }
    return WireWriter.render(reply);
  }
}

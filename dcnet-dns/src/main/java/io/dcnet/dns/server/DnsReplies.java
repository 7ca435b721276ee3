package io.dcnet.dns.server;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * Builders of replies that carry only a header, the first question and an rcode (SERVFAIL, REFUSED,
 * FORMERR, ...).
 *
 * <p>Stateless; thread-safe.
 */
public final class DnsReplies {
  private DnsReplies() {}

  /**
   * A reply to {@code request}: same id and opcode, QR set, RD and CD copied, the first question
   * copied, the given rcode, nothing else.
   */
  public static Message error(Message request, int rcode) {
    Message reply = replyTo(request);
    reply.getHeader().setRcode(rcode);
    return reply;
  }

  /** An empty NOERROR reply skeleton for {@code request}, as Go's {@code SetReply} builds it. */
  public static Message replyTo(Message request) {
    Header rh = request.getHeader();
    Message reply = new Message(rh.getID());
    Header h = reply.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(rh.getOpcode());
    if (rh.getOpcode() == Opcode.QUERY) {
      if (rh.getFlag(Flags.RD)) {
        h.setFlag(Flags.RD);
      }
      if (rh.getFlag(Flags.CD)) {
        h.setFlag(Flags.CD);
      }
    }
    Record q = request.getQuestion();
    if (q != null) {
      reply.addRecord(q, org.xbill.DNS.Section.QUESTION);
    }
    return reply;
  }

  public static Message servFail(Message request) {
    return error(request, Rcode.SERVFAIL);
  }

  public static Message refused(Message request) {
    return error(request, Rcode.REFUSED);
  }

  /**
   * A 12-byte FORMERR header for a packet that could not be parsed: id, opcode and RD copied from
   * {@code wire} (which must hold at least 12 bytes), QR set, all counts zero.
   */
  public static byte[] formErrHeader(byte[] wire) {
    byte[] out = new byte[12];
    out[0] = wire[0];
    out[1] = wire[1];
    out[2] = (byte) (0x80 | (wire[2] & 0x79)); // QR, opcode (bits 3-6), RD (bit 0)
    out[3] = (byte) Rcode.FORMERR;
    return out;
  }
}

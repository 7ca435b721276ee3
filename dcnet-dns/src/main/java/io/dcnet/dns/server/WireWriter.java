package io.dcnet.dns.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/**
 * Renders a message to wire format with <em>case-sensitive</em> name compression, as Go's miekg/dns
 * (and so Mesos-DNS) does. dnsjava's own compression matches names case-insensitively, which would
 * make an answer owned by {@code web.marathon.mesos.} appear on the wire with the case of a
 * question {@code WEB.Marathon.MESOS.}. Here a pointer is only used for an exact byte match, so
 * every owner keeps its own case.
 *
 * <p>Compressed: owners, questions, NS/CNAME/PTR targets, MX exchanges, SOA names. SRV targets are
 * written in full (RFC 2782) but remembered for later pointers. Other record types are copied from
 * dnsjava's uncompressed form.
 *
 * <p>Not thread-safe: one instance per rendering (create with {@link #render}).
 */
final class WireWriter {
  private static final int MAX_POINTER = 0x3FFF;

  private byte[] buf = new byte[512];
  private int pos;
  private final Map<String, Integer> names = new HashMap<>();

  private WireWriter() {}

  /** The wire form of {@code message}; section counts come from the sections themselves. */
  static byte[] render(Message message) {
    WireWriter w = new WireWriter();
    byte[] header = message.getHeader().toWire();
    w.write(header, 0, 12);
    int[] sections = {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};
    for (int i = 0; i < sections.length; i++) {
      List<Record> records = message.getSection(sections[i]);
      w.buf[4 + 2 * i] = (byte) (records.size() >>> 8);
      w.buf[5 + 2 * i] = (byte) records.size();
      for (Record r : records) {
        if (i == 0) {
          w.name(r.getName(), true);
          w.u16(r.getType());
          w.u16(r.getDClass());
        } else {
          w.record(r);
        }
      }
    }
    return Arrays.copyOf(w.buf, w.pos);
  }

  private void record(Record r) {
    name(r.getName(), true);
    u16(r.getType());
    u16(r.getDClass());
    u32(r.getTTL());
    int lengthAt = pos;
    u16(0);
    switch (r) {
      case ARecord a -> write(a.getAddress().getAddress());
      case AAAARecord a -> write(a.getAddress().getAddress());
      case NSRecord ns -> name(ns.getTarget(), true);
      case CNAMERecord c -> name(c.getTarget(), true);
      case PTRRecord p -> name(p.getTarget(), true);
      case MXRecord mx -> {
        u16(mx.getPriority());
        name(mx.getTarget(), true);
      }
      case SRVRecord srv -> {
        u16(srv.getPriority());
        u16(srv.getWeight());
        u16(srv.getPort());
        name(srv.getTarget(), false);
      }
      case SOARecord soa -> {
        name(soa.getHost(), true);
        name(soa.getAdmin(), true);
        u32(soa.getSerial());
        u32(soa.getRefresh());
        u32(soa.getRetry());
        u32(soa.getExpire());
        u32(soa.getMinimum());
      }
      default -> {
        byte[] whole = r.toWire(Section.ADDITIONAL); // uncompressed: owner, 10 fixed bytes, rdata
        int skip = r.getName().length() + 10;
        write(whole, skip, whole.length - skip);
      }
    }
    int rdlength = pos - lengthAt - 2;
    buf[lengthAt] = (byte) (rdlength >>> 8);
    buf[lengthAt + 1] = (byte) rdlength;
  }

  /** Writes {@code name}, pointing at an earlier byte-identical suffix when {@code compress}. */
  private void name(Name name, boolean compress) {
    byte[] wire = name.toWire();
    int off = 0;
    while (off < wire.length && wire[off] != 0) {
      String suffix = new String(wire, off, wire.length - off, StandardCharsets.ISO_8859_1);
      Integer earlier = names.get(suffix);
      if (earlier != null && compress) {
        u16(0xC000 | earlier);
        return;
      }
      if (earlier == null && pos <= MAX_POINTER) {
        names.put(suffix, pos);
      }
      int len = wire[off] + 1;
      write(wire, off, len);
      off += len;
    }
    ensure(1);
    buf[pos++] = 0;
  }

  private void u16(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void u32(long v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void write(byte[] b) {
    write(b, 0, b.length);
  }

  private void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}

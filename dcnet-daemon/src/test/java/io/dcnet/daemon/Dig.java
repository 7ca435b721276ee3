package io.dcnet.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A small DNS client for tests: one query over UDP or TCP to a loopback server, no retries. */
final class Dig {
  private Dig() {}

  static Message query(int port, String name, int type, boolean tcp) throws IOException {
    SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
    r.setPort(port);
    r.setTCP(tcp);
    r.setIgnoreTruncation(true);
    r.setTimeout(Duration.ofSeconds(3));
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, 1));
    return r.send(q);
  }

  /** Answer values as Mesos-DNS stores them: IP text for A/AAAA, {@code target:port} for SRV. */
  static Set<String> values(Message m) {
    Set<String> out = new TreeSet<>();
    for (Record rec : m.getSection(Section.ANSWER)) {
      switch (rec) {
        case ARecord a -> out.add(a.getAddress().getHostAddress());
        case AAAARecord a -> out.add(io.dcnet.core.net.IpLiterals.format(a.getAddress()));
        case SRVRecord s -> out.add(s.getTarget() + ":" + s.getPort());
        default -> out.add(rec.rdataToString());
      }
    }
    return out;
  }

  static boolean truncated(Message m) {
    return m.getHeader().getFlag(Flags.TC);
  }

  static int typeOf(String t) {
    return Type.value(t);
  }
}

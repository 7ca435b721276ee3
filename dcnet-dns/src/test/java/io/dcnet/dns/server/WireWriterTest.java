package io.dcnet.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class WireWriterTest {
  private static Message sample(String qname) throws Exception {
    Message q = DnsTestClient.query(qname, Type.ANY);
    Message r = DnsReplies.replyTo(q);
    r.getHeader().setFlag(Flags.AA);
    r.getHeader().setRcode(Rcode.NXDOMAIN);
    Name owner = Name.fromString("web.marathon.mesos.");
    Name target = Name.fromString("web-1.marathon.slave.mesos.");
    Name ns = Name.fromString("ns1.mesos.");
    r.addRecord(
        new ARecord(owner, DClass.IN, 60, InetAddress.getByName("10.0.0.1")), Section.ANSWER);
    r.addRecord(
        new AAAARecord(owner, DClass.IN, 60, InetAddress.getByName("fd00::1")), Section.ANSWER);
    r.addRecord(
        new SRVRecord(q.getQuestion().getName(), DClass.IN, 60, 0, 1, 31000, target),
        Section.ANSWER);
    r.addRecord(
        new CNAMERecord(Name.fromString("alias.mesos."), DClass.IN, 60, owner), Section.ANSWER);
    r.addRecord(new MXRecord(owner, DClass.IN, 60, 10, target), Section.ANSWER);
    r.addRecord(new TXTRecord(owner, DClass.IN, 60, "Mixed Case Text"), Section.ANSWER);
    r.addRecord(
        new SOARecord(
            owner, DClass.IN, 60, ns, Name.fromString("root.ns1.mesos."), 7, 60, 600, 86400, 60),
        Section.AUTHORITY);
    r.addRecord(new NSRecord(owner, DClass.IN, 60, ns), Section.AUTHORITY);
    r.addRecord(
        new ARecord(target, DClass.IN, 60, InetAddress.getByName("10.0.1.1")), Section.ADDITIONAL);
    r.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    return r;
  }

  @Test
  void roundTripsEveryRecordAndTheHeader() throws Exception {
    Message m = sample("_web._tcp.marathon.mesos.");
    Message back = new Message(WireWriter.render(m));
    assertThat(back.getHeader().getID()).isEqualTo(m.getHeader().getID());
    assertThat(back.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(back.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    for (int s :
        new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      assertThat(back.getSection(s)).as("section " + s).containsExactlyElementsOf(m.getSection(s));
    }
  }

  @Test
  void compressesAsWellAsDnsjavaForLowerCaseNames() throws Exception {
    Message m = sample("_web._tcp.marathon.mesos.");
    assertThat(WireWriter.render(m).length).isLessThanOrEqualTo(m.toWire().length);
  }

  @Test
  void ownersKeepTheirOwnCaseOnTheWire() throws Exception {
    Message m = sample("_WEB._tcp.Marathon.MESOS.");
    Message back = new Message(WireWriter.render(m));
    assertThat(back.getQuestion().getName().toString()).isEqualTo("_WEB._tcp.Marathon.MESOS.");
    assertThat(back.getSection(Section.ANSWER).get(0).getName().toString())
        .isEqualTo("web.marathon.mesos.");
    assertThat(back.getSection(Section.ANSWER).get(2).getName().toString())
        .isEqualTo("_WEB._tcp.Marathon.MESOS.");
    // dnsjava's own rendering would have borrowed the question's case
    Message dnsjava = new Message(m.toWire());
    assertThat(dnsjava.getSection(Section.ANSWER).get(0).getName().toString())
        .isNotEqualTo("web.marathon.mesos.");
  }

  @Test
  void relayedRepliesAreSentAsReceived() throws Exception {
    Message m = sample("x.example.");
    byte[] upstream = m.toWire();
    RelayedMessage relayed = new RelayedMessage(upstream);
    ResponseTruncator.Fitted f = ResponseTruncator.fit(relayed, 4096, true);
    assertThat(f.wire()).isEqualTo(upstream);
    assertThat(f.truncated()).isFalse();
  }
}

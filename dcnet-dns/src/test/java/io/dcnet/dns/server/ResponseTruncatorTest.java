package io.dcnet.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

class ResponseTruncatorTest {
  private static Message reply(int answers, int extras) throws Exception {
    Message q = DnsTestClient.queryA("many.marathon.mesos.");
    Message r = DnsReplies.replyTo(q);
    Name owner = Name.fromString("many.marathon.mesos.");
    for (int i = 0; i < answers; i++) {
      r.addRecord(
          new ARecord(
              owner, DClass.IN, 60, InetAddress.getByName("10.0." + i / 250 + "." + i % 250)),
          Section.ANSWER);
    }
    for (int i = 0; i < extras; i++) {
      Name n = Name.fromString("host" + i + ".slave.mesos.");
      r.addRecord(
          new ARecord(n, DClass.IN, 60, InetAddress.getByName("10.1.0." + i)), Section.ADDITIONAL);
    }
    return r;
  }

  @Test
  void sizeLimitFollowsTransportAndEdns() {
    Message plain = DnsTestClient.queryA("a.mesos.");
    assertThat(ResponseTruncator.sizeLimit(plain, DnsProtocol.UDP)).isEqualTo(512);
    assertThat(ResponseTruncator.sizeLimit(plain, DnsProtocol.TCP)).isEqualTo(65535);
    Message edns = DnsTestClient.queryA("a.mesos.");
    edns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    assertThat(ResponseTruncator.sizeLimit(edns, DnsProtocol.UDP)).isEqualTo(4096);
    Message small = DnsTestClient.queryA("a.mesos.");
    small.addRecord(new OPTRecord(100, 0, 0), Section.ADDITIONAL);
    assertThat(ResponseTruncator.sizeLimit(small, DnsProtocol.UDP)).isEqualTo(512);
  }

  @Test
  void smallReplyIsUntouched() throws Exception {
    Message r = reply(3, 2);
    ResponseTruncator.Fitted f = ResponseTruncator.fit(r, 512, true);
    assertThat(f.truncated()).isFalse();
    Message back = new Message(f.wire());
    assertThat(back.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(back.getSection(Section.ANSWER)).hasSize(3);
    assertThat(back.getSection(Section.ADDITIONAL)).hasSize(2);
  }

  @Test
  void dropsAdditionalFirstWhenThatIsEnough() throws Exception {
    Message r = reply(20, 30);
    assertThat(r.toWire().length).isGreaterThan(512);
    ResponseTruncator.Fitted f = ResponseTruncator.fit(r, 512, true);
    Message back = new Message(f.wire());
    assertThat(f.truncated()).isTrue();
    assertThat(back.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(back.getSection(Section.ANSWER)).hasSize(20);
    assertThat(back.getSection(Section.ADDITIONAL)).isEmpty();
  }

  @Test
  void removesFewestTrailingAnswers() throws Exception {
    Message r = reply(100, 5);
    Message original = reply(100, 5);
    ResponseTruncator.Fitted f = ResponseTruncator.fit(r, 512, true);
    Message back = new Message(f.wire());
    int kept = back.getSection(Section.ANSWER).size();
    assertThat(f.wire().length).isLessThan(512);
    assertThat(kept).isBetween(1, 99);
    // one more answer would not fit: the fewest were removed
    Message plusOne = DnsReplies.replyTo(DnsTestClient.queryA("many.marathon.mesos."));
    for (int i = 0; i <= kept; i++) {
      plusOne.addRecord(original.getSection(Section.ANSWER).get(i), Section.ANSWER);
    }
    assertThat(plusOne.toWire().length).isGreaterThanOrEqualTo(512);
    // the kept answers are the leading ones, in order
    assertThat(back.getSection(Section.ANSWER))
        .containsExactlyElementsOf(original.getSection(Section.ANSWER).subList(0, kept));
  }

  @Test
  void truncateBitOffClearsTcEvenIfUpstreamSetIt() throws Exception {
    Message r = reply(100, 0);
    ResponseTruncator.Fitted f = ResponseTruncator.fit(r, 512, false);
    assertThat(f.truncated()).isTrue();
    assertThat(new Message(f.wire()).getHeader().getFlag(Flags.TC)).isFalse();

    Message relayed = reply(1, 0);
    relayed.getHeader().setFlag(Flags.TC);
    assertThat(
            new Message(ResponseTruncator.fit(relayed, 512, false).wire())
                .getHeader()
                .getFlag(Flags.TC))
        .isFalse();
    Message relayed2 = reply(1, 0);
    relayed2.getHeader().setFlag(Flags.TC);
    assertThat(
            new Message(ResponseTruncator.fit(relayed2, 512, true).wire())
                .getHeader()
                .getFlag(Flags.TC))
        .isTrue();
  }
}

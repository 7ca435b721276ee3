package io.dcnet.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class WireQuestionTest {
  static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  @Test
  void readsAPlainQueryWithAndWithoutEdns() throws IOException {
    Message m = query("_web._tcp.marathon-1.mesos.", Type.SRV);
    m.getHeader().setID(0xBEEF);
    WireQuestion q = WireQuestion.parse(m.toWire());
    assertThat(q).isNotNull();
    assertThat(q.name()).isEqualTo("_web._tcp.marathon-1.mesos.");
    assertThat(q.qtype()).isEqualTo(Type.SRV);
    assertThat(q.id()).isEqualTo(0xBEEF);
    assertThat(q.edns()).isFalse();
    assertThat(q.questionEnd()).isEqualTo(m.toWire().length);
    assertThat(q.sizeLimit(DnsProtocol.UDP)).isEqualTo(512);
    assertThat(q.sizeLimit(DnsProtocol.TCP)).isEqualTo(65535);

    m.addRecord(new OPTRecord(1232, 0, 0, Flags.DO), Section.ADDITIONAL);
    WireQuestion e = WireQuestion.parse(m.toWire());
    assertThat(e.edns()).isTrue();
    assertThat(e.sizeLimit(DnsProtocol.UDP)).isEqualTo(1232);
    Message small = query("a.mesos.", Type.A);
    small.addRecord(new OPTRecord(100, 0, 0), Section.ADDITIONAL);
    assertThat(WireQuestion.parse(small.toWire()).sizeLimit(DnsProtocol.UDP)).isEqualTo(512);
  }

  @Test
  void declinesEverythingUnusual() throws IOException {
    byte[] plain = query("web.mesos.", Type.A).toWire();
    assertThat(WireQuestion.parse(plain)).isNotNull();
    assertThat(WireQuestion.parse(query("Web.mesos.", Type.A).toWire())).isNull();
    assertThat(WireQuestion.parse(query("web.*.mesos.", Type.A).toWire())).isNull();
    assertThat(WireQuestion.parse(query("we\\.b.mesos.", Type.A).toWire())).isNull();
    assertThat(WireQuestion.parse(query(".", Type.A).toWire())).isNull();
    assertThat(WireQuestion.parse(Arrays.copyOf(plain, plain.length + 1))).isNull(); // trailing
    assertThat(WireQuestion.parse(Arrays.copyOf(plain, plain.length - 1))).isNull(); // short
    assertThat(WireQuestion.parse(Arrays.copyOf(plain, 12))).isNull();

    Message ch =
        Message.newQuery(Record.newRecord(Name.fromString("web.mesos."), Type.A, DClass.CH));
    assertThat(WireQuestion.parse(ch.toWire())).isNull();
    Message notify = query("web.mesos.", Type.A);
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    assertThat(WireQuestion.parse(notify.toWire())).isNull();
    Message response = query("web.mesos.", Type.A);
    response.getHeader().setFlag(Flags.QR);
    assertThat(WireQuestion.parse(response.toWire())).isNull();

    Message withOption = query("web.mesos.", Type.A);
    withOption.addRecord(
        new OPTRecord(4096, 0, 0, 0, java.util.List.of(new org.xbill.DNS.NSIDOption(new byte[0]))),
        Section.ADDITIONAL);
    assertThat(WireQuestion.parse(withOption.toWire())).isNull();
    Message version1 = query("web.mesos.", Type.A);
    version1.addRecord(new OPTRecord(4096, 0, 1), Section.ADDITIONAL);
    assertThat(WireQuestion.parse(version1.toWire())).isNull();

    byte[] twoQuestions = plain.clone();
    twoQuestions[5] = 2;
    assertThat(WireQuestion.parse(twoQuestions)).isNull();
    byte[] pointer = plain.clone();
    pointer[12] = (byte) 0xC0;
    assertThat(WireQuestion.parse(pointer)).isNull();
  }
}

package io.dcnet.rest.mesosdns;

import io.dcnet.dns.records.RecordSet;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.records.Enumeration;
import io.dcnet.mesosdns.records.MesosDnsSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built config, records and enumeration shared by the Mesos-DNS API tests. */
final class TestMesosDns {
  static final long SERIAL = 1_700_000_000L;

  private TestMesosDns() {}

  /** Mesos-DNS defaults, with basic auth and a secret, a zone resolver and two masters. */
  static MesosDnsConfig config(boolean enumerationOn, String secret) {
    return new MesosDnsConfig(
        "zk://10.0.0.5:2181/mesos",
        30,
        List.of("10.0.0.100:5050", "10.0.0.101:5050"),
        60,
        300,
        60,
        "mesos",
        53,
        "0.0.0.0",
        "127.0.0.1",
        8123,
        true,
        true,
        true,
        List.of("8.8.8.8"),
        Map.of("corp", List.of("10.1.0.53:53")),
        5,
        true,
        "ns1.mesos",
        "root@ns1.mesos",
        60,
        600,
        86400,
        60,
        1,
        List.of("netinfo", "mesos", "host"),
        false,
        true,
        enumerationOn,
        false,
        "",
        "",
        "",
        secret.isEmpty() ? "" : "basic",
        secret.isEmpty() ? "" : "dns",
        secret,
        "",
        "/etc/mesos-dns/config.json");
  }

  static RecordSet records() {
    RecordSet.Builder b = RecordSet.builder();
    b.addA("web.marathon.mesos.", "10.0.0.1");
    b.addA("web.marathon.mesos.", "10.0.0.2");
    b.addAaaa("web.marathon.mesos.", "fd00::1");
    b.addA("web-abcde-s0.marathon.mesos.", "10.0.0.1");
    b.addAaaa("web-abcde-s0.marathon.mesos.", "fd00::10");
    b.addA("web-abcde-s0.marathon.slave.mesos.", "192.168.0.10");
    b.addSrv("_web._tcp.marathon.mesos.", "web-abcde-s0.marathon.slave.mesos.:31000");
    b.addSrv("_web._tcp.marathon.mesos.", "web-abcde-s0.marathon.mesos.:8080");
    b.addSrv("_web._tcp.marathon.mesos.", "nowhere.marathon.mesos.:9");
    b.addAaaa("v6-xyz-s1.marathon.mesos.", "fd00::20");
    b.addSrv("_v6._tcp.marathon.mesos.", "v6-xyz-s1.marathon.mesos.:80");
    b.addA("leader.mesos.", "10.0.0.100");
    return b.build();
  }

  static Enumeration enumeration() {
    return new Enumeration(
        List.of(
            new Enumeration.Framework(
                "marathon",
                List.of(
                    new Enumeration.Task(
                        "web",
                        "web.1234",
                        List.of(
                            new Enumeration.Record("web.marathon.mesos.", "10.0.0.1", "A"),
                            new Enumeration.Record(
                                "_web._tcp.marathon.mesos.",
                                "web-abcde-s0.marathon.slave.mesos.:31000",
                                "SRV"))))),
            new Enumeration.Framework("chronos", List.of())));
  }

  static MesosDnsSnapshot snapshot() {
    return new MesosDnsSnapshot(records(), enumeration(), SERIAL, Instant.ofEpochSecond(SERIAL));
  }
}

package io.dcnet.mesosdns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MesosDnsConfigLoaderTest {
  @TempDir Path dir;

  private MesosDnsConfig load(String json) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json);
    return MesosDnsConfigLoader.load(file);
  }

  @Test
  void sampleFileLikeUpstreamsConfigJsonSample() throws Exception {
    MesosDnsConfig c;
    try (var in = getClass().getResourceAsStream("config.json.sample")) {
      Path file = dir.resolve("config.json");
      Files.write(file, in.readAllBytes());
      c = MesosDnsConfigLoader.load(file);
      assertThat(c.file()).isEqualTo(file.toAbsolutePath().normalize().toString());
    }
    assertThat(c.port()).isEqualTo(8053);
    assertThat(c.ipSources()).containsExactly("mesos", "host");
    assertThat(c.zk()).isEqualTo("zk://10.101.160.15:2181/mesos");
    assertThat(c.masters()).containsExactly("10.101.160.15:5050");
    assertThat(c.resolvers()).containsExactly("169.254.169.254");
    assertThat(c.soaMname()).isEqualTo("ns1.mesos.");
    assertThat(c.soaRname()).isEqualTo("root.ns1.mesos.");
    assertThat(c.httpPort()).isEqualTo(8123);
    assertThat(c.timeout()).isEqualTo(5);
    assertThat(c.domain()).isEqualTo("mesos");
    assertThat(c.externalOn()).isTrue();
    assertThat(c.enforceRfc952()).isFalse();
  }

  @Test
  void defaultsApplyWhenOnlyMastersIsGiven() throws Exception {
    MesosDnsConfig c = load("{\"masters\":[\"10.0.0.1:5050\"]}");
    MesosDnsConfig d = MesosDnsDefaults.defaults();
    assertThat(c.masters()).containsExactly("10.0.0.1:5050");
    assertThat(
            new MesosDnsConfig(
                d.zk(),
                d.zkDetectionTimeout(),
                c.masters(),
                d.refreshSeconds(),
                d.stateTimeoutSeconds(),
                d.ttl(),
                d.domain(),
                d.port(),
                d.listener(),
                d.httpListener(),
                d.httpPort(),
                d.dnsOn(),
                d.httpOn(),
                d.externalOn(),
                d.resolvers(),
                d.zoneResolvers(),
                d.timeout(),
                d.recurseOn(),
                d.soaMname(),
                d.soaRname(),
                d.soaRefresh(),
                d.soaRetry(),
                d.soaExpire(),
                d.soaMinttl(),
                d.srvRecordDefaultWeight(),
                d.ipSources(),
                d.enforceRfc952(),
                d.setTruncateBit(),
                d.enumerationOn(),
                d.mesosHttpsOn(),
                d.caCertFile(),
                d.certFile(),
                d.keyFile(),
                d.mesosAuthentication(),
                d.mesosPrincipal(),
                d.mesosSecret(),
                d.iamConfigFile(),
                c.file()))
        .isEqualTo(c);
    assertThat(d.ipSources()).containsExactly("netinfo", "mesos", "host");
    assertThat(d.resolvers()).containsExactly("8.8.8.8");
    assertThat(d.stateTimeoutSeconds()).isEqualTo(300);
    assertThat(d.zkDetectionTimeout()).isEqualTo(30);
    assertThat(d.soaSettings().mname()).isEqualTo("ns1.mesos.");
  }

  @Test
  void keysAreCaseInsensitiveAndUnknownKeysIgnored() throws Exception {
    MesosDnsConfig c =
        load(
            "{\"MASTERS\":[\"10.0.0.1:5050\"],\"RefreshSeconds\":5,\"refreshseconds\":7,"
                + "\"HTTPPORT\":9000,\"dnsON\":false,\"ns\":\"old\",\"email\":\"x@y\","
                + "\"soaserial\":12345,\"enforcerfc952\":true}");
    assertThat(c.refreshSeconds()).isEqualTo(7);
    assertThat(c.httpPort()).isEqualTo(9000);
    assertThat(c.dnsOn()).isFalse();
    assertThat(c.enforceRfc952()).isTrue();
  }

  @Test
  void normalisation() throws Exception {
    MesosDnsConfig c =
        load(
            "{\"zk\":\"zk://10.0.0.1:2181,10.0.0.2:2181/mesos\",\"domain\":\"Prod.MESOS\","
                + "\"SOAMname\":\"ns9.prod.mesos..\",\"SOARname\":\"admin@prod.mesos\","
                + "\"timeout\":0,\"masters\":[\"[2001:DB8::1]:5050\"],\"resolvers\":[],"
                + "\"zoneResolvers\":{\"Corp.Example.\":[\"10.1.1.1\",\"10.1.1.2:5353\"]},"
                + "\"mesosAuthentication\":\"basic\","
                + "\"mesosCredentials\":{\"Principal\":\"dns\",\"secret\":\"s3cr3t\"}}");
    assertThat(c.domain()).isEqualTo("prod.mesos");
    assertThat(c.soaMname()).isEqualTo("ns9.prod.mesos.");
    assertThat(c.soaRname()).isEqualTo("admin.prod.mesos.");
    assertThat(c.timeout()).isEqualTo(5);
    assertThat(c.masters()).containsExactly("[2001:db8::1]:5050");
    assertThat(c.resolvers()).isEmpty();
    assertThat(c.zoneResolvers())
        .isEqualTo(Map.of("corp.example", List.of("10.1.1.1", "10.1.1.2:5353")));
    assertThat(c.mesosPrincipal()).isEqualTo("dns");
    assertThat(c.mesosSecret()).isEqualTo("s3cr3t");
    assertThat(c.withoutSecret().mesosSecret()).isEqualTo("********");
  }

  @Test
  void tildeIsExpandedToTheHomeDirectory() {
    Path p = MesosDnsConfigLoader.expandHome(Path.of("~/conf/config.json"));
    assertThat(p).isEqualTo(Path.of(System.getProperty("user.home"), "conf/config.json"));
    assertThat(MesosDnsConfigLoader.expandHome(Path.of("/etc/x.json")))
        .isEqualTo(Path.of("/etc/x.json"));
  }

  @Test
  void missingFileNamesThePath() {
    assertThatThrownBy(() -> MesosDnsConfigLoader.load(dir.resolve("nope.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.json");
  }

  private static final String M = "\"masters\":[\"10.0.0.1:5050\"],";

  /** One malformed file per rule; the message names the key and the expected form. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"port": 53}                                  | masters: [] (expected at least one master ip:port, or a zk URL in zk)
          [1, 2]                                        | config: not an object (expected a JSON object of settings)
          {"masters": ["node1:5050"]}                   | masters[0]: "node1:5050" (expected an IP literal with port, ip:port)
          {"masters": ["node1"]}                        | masters[0]: "node1" (expected an IP literal with port, ip:port)
          {"masters": ["10.0.0.1"]}                     | masters[0]: "10.0.0.1" (expected an IP literal with port, ip:port)
          {"masters": ["10.0.0.1:0"]}                   | masters[0]: "10.0.0.1:0" (expected a port 1-65535)
          {"masters": ["10.0.0.1:70000"]}               | masters[0]: "10.0.0.1:70000" (expected an IP literal with port, ip:port)
          {"masters": ["10.0.0.1:5050", "10.0.0.1:5050"]} | masters[1]: "10.0.0.1:5050" (expected unique masters)
          {"masters": ["[::1]:5050", "[0::1]:5050"]}    | masters[1]: "[0::1]:5050" (expected unique masters)
          {"masters": "10.0.0.1:5050"}                  | masters: "10.0.0.1:5050" (expected an array of strings)
          {"masters": [5050]}                           | masters[0]: 5050 (expected a string)
          {"zk": "10.0.0.1:2181"}                       | zk: "10.0.0.1:2181" (expected zk://host:port[,host:port...]/path)
          {MASTERS "port": 70000}                       | port: 70000 (expected 0-65535, 0 = any free port)
          {MASTERS "port": "53"}                        | port: "53" (expected an integer)
          {MASTERS "port": 53.5}                        | port: 53.5 (expected an integer)
          {MASTERS "httpport": -1}                      | httpport: -1 (expected 0-65535, 0 = any free port)
          {MASTERS "refreshSeconds": 0}                 | refreshSeconds: 0 (expected 1 or more seconds)
          {MASTERS "stateTimeoutSeconds": 0}            | stateTimeoutSeconds: 0 (expected 1 or more seconds)
          {MASTERS "timeout": -1}                       | timeout: -1 (expected 0 or more seconds)
          {MASTERS "ttl": -5}                           | ttl: -5 (expected 0 or more seconds)
          {MASTERS "zkDetectionTimeout": -1}            | zkDetectionTimeout: -1 (expected 0 or more seconds)
          {MASTERS "SOARefresh": -1}                    | SOARefresh: -1 (expected 0 or more seconds)
          {MASTERS "srvRecordDefaultWeight": 70000}     | srvRecordDefaultWeight: 70000 (expected 0-65535)
          {MASTERS "domain": "mesos."}                  | domain: "mesos." (expected dot-separated labels of [a-zA-Z0-9-])
          {MASTERS "domain": "me_sos"}                  | domain: "me_sos" (expected dot-separated labels of [a-zA-Z0-9-])
          {MASTERS "dnson": false, "httpon": false}     | dnson: false (expected dnson or httpon to be true)
          {MASTERS "dnson": "yes"}                      | dnson: "yes" (expected true or false)
          {MASTERS "listener": "myhost"}                | listener: "myhost" (expected an IP literal such as 0.0.0.0)
          {MASTERS "httpListener": ""}                  | httpListener: "" (expected an IP literal such as 0.0.0.0)
          {MASTERS "resolvers": ["dns.google"]}         | resolvers[0]: "dns.google" (expected an IP literal, ip:port or [ipv6]:port)
          {MASTERS "resolvers": ["8.8.8.8", "8.8.8.8:53"]} | resolvers[1]: "8.8.8.8:53" (expected unique resolvers)
          {MASTERS "resolvers": [""]}                   | resolvers[0]: "" (expected an IP literal, ip:port or [ipv6]:port)
          {MASTERS "zoneResolvers": {"mesos": ["10.1.1.1"]}} | zoneResolvers.mesos: "mesos" (expected a zone that does not overlap domain "mesos")
          {MASTERS "zoneResolvers": {"a.mesos": ["10.1.1.1"]}} | zoneResolvers.a.mesos: "a.mesos" (expected a zone that does not overlap domain "mesos")
          {MASTERS "zoneResolvers": {"corp": ["10.1.1.1"], "x.corp": ["10.1.1.2"]}} | zoneResolvers.x.corp: "x.corp" (expected a zone that does not overlap zone "corp")
          {MASTERS "zoneResolvers": {"corp": ["host.corp"]}} | zoneResolvers.corp[0]: "host.corp" (expected an IP literal, ip:port or [ipv6]:port)
          {MASTERS "zoneResolvers": {"corp": []}}       | zoneResolvers.corp: [] (expected at least one resolver)
          {MASTERS "zoneResolvers": ["corp"]}           | zoneResolvers: ["corp"] (expected an object of zone: [resolver, ...])
          {MASTERS "IPSources": []}                     | IPSources: [] (expected a non-empty list of host, docker, mesos, netinfo)
          {MASTERS "IPSources": ["host", "dockr"]}      | IPSources[1]: "dockr" (expected one of host, docker, mesos, netinfo)
          {MASTERS "IPSources": ["host", "host"]}       | IPSources[1]: "host" (expected no duplicate sources)
          {MASTERS "CertFile": "/c.pem"}                | KeyFile: "" (expected CertFile and KeyFile to be given together)
          {MASTERS "KeyFile": "/k.pem"}                 | CertFile: "" (expected CertFile and KeyFile to be given together)
          {MASTERS "mesosAuthentication": "token"}      | mesosAuthentication: "token" (expected one of "", basic, iam)
          {MASTERS "mesosAuthentication": "basic"}      | mesosCredentials.principal: "" (expected a principal when mesosAuthentication is basic)
          {MASTERS "mesosAuthentication": "iam"}        | IAMConfigFile: "" (expected a file path when mesosAuthentication is iam)
          {MASTERS "mesosCredentials": {"secret": 5}}   | mesosCredentials.secret: (expected a string)
          """)
  void rejected(String json, String message) throws Exception {
    String text = json.replace("{MASTERS ", "{" + M + " ");
    Files.writeString(dir.resolve("bad.json"), text, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MesosDnsConfigLoader.load(dir.resolve("bad.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void malformedJsonIsNamed() {
    assertThatThrownBy(() -> load("{\"masters\": ["))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config: malformed JSON");
  }
}

package io.dcnet.mesosdns.records;

import static io.dcnet.mesosdns.records.Fixtures.agent;
import static io.dcnet.mesosdns.records.Fixtures.config;
import static io.dcnet.mesosdns.records.Fixtures.discovery;
import static io.dcnet.mesosdns.records.Fixtures.framework;
import static io.dcnet.mesosdns.records.Fixtures.port;
import static io.dcnet.mesosdns.records.Fixtures.running;
import static io.dcnet.mesosdns.records.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.net.HostResolver;
import io.dcnet.dns.records.RecordSet;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.v0.MasterStateParser;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordGeneratorTest {
  private static final HostResolver NO_DNS =
      host -> {
        throw new AssertionError("unexpected lookup of " + host);
      };

  private static GeneratedRecords generate(MasterState state, String cfgJson) {
    return RecordGenerator.generate(
        state, List.of("10.0.0.1:5050"), config(cfgJson), HostResolver.literalsOnly(), List.of());
  }

  @Test
  void minimalExampleOfMesosApiSpecGivesExactlyItsTable() throws Exception {
    MasterState state;
    try (InputStream in = getClass().getResourceAsStream("minimal-example.json")) {
      state = MasterStateParser.parse(in.readAllBytes());
    }
    GeneratedRecords gen =
        RecordGenerator.generate(
            state, List.of("10.0.0.1:5050"), config(""), NO_DNS, List.of("192.0.2.9"));
    assertThat(RecordTsv.lines(gen.records()))
        .containsExactlyElementsOf(RecordTsv.golden("minimal-example.tsv"));
    assertThat(gen.enumeration().frameworks()).hasSize(1);
    Enumeration.Task web = gen.enumeration().frameworks().get(0).tasks().get(0);
    assertThat(web.name()).isEqualTo("web");
    assertThat(web.id()).isEqualTo("web.4f2e");
    assertThat(web.records())
        .startsWith(
            new Enumeration.Record("web.marathon.mesos.", "9.0.0.5", "A"),
            new Enumeration.Record("web-9rtru-s0.marathon.mesos.", "9.0.0.5", "A"))
        .contains(
            new Enumeration.Record(
                "_web._udp.marathon.mesos.", "web-9rtru-s0.marathon.slave.mesos.:31001", "SRV"))
        .hasSize(4 + 8);
  }

  @Test
  void onlyRunningTasksOnListedAgentsGetRecords() {
    MasterState state =
        new MasterState(
            "master@10.0.0.1:5050",
            List.of(agent("a-S1", "slave(1)@10.0.0.11:5051")),
            List.of(
                framework(
                    "fw",
                    "",
                    task("t1", "staging", "a-S1", "TASK_STAGING", List.of(), null),
                    task(
                        "t2",
                        "lost",
                        "nowhere-S9",
                        Task.RUNNING,
                        List.of(),
                        null,
                        running(1, List.of(), "9.9.9.9")),
                    task("t3", "ok", "a-S1", Task.RUNNING, List.of(), null))));
    RecordSet rs = generate(state, "").records();
    assertThat(rs.a()).containsKeys("ok.fw.mesos.", "ok.fw.slave.mesos.");
    assertThat(rs.a().keySet()).noneMatch(n -> n.startsWith("staging") || n.startsWith("lost"));
    assertThat(generate(state, "").enumeration().frameworks().get(0).tasks())
        .extracting(Enumeration.Task::name)
        .containsExactly("ok");
  }

  @Test
  void newestRunningStatusWinsWhateverItsPosition() {
    TaskStatus old = running(100, List.of(), "10.1.0.1");
    TaskStatus newest = running(300, List.of(), "10.1.0.3");
    TaskStatus middle = running(200, List.of(), "10.1.0.2");
    TaskStatus killed = new TaskStatus("TASK_KILLED", 400, List.of(), List.of(), null);
    MasterState state =
        oneTask(
            task("t", "web", "a-S1", Task.RUNNING, List.of(), null, old, newest, killed, middle));
    assertThat(generate(state, "").records().a().get("web.fw.mesos.")).containsExactly("10.1.0.3");
  }

  @Test
  void firstSourceWithAnyIpSuppliesAllItsIpsAndUnparsableOnesAreDropped() {
    List<Label> labels =
        List.of(
            new Label(TaskIps.DOCKER_IP_LABEL, "not-an-ip"),
            new Label(TaskIps.MESOS_IP_LABEL, "10.2.0.1"),
            new Label(TaskIps.MESOS_IP_LABEL, "10.2.0.2"));
    MasterState state =
        oneTask(task("t", "web", "a-S1", Task.RUNNING, List.of(), null, running(1, labels)));
    RecordSet rs = generate(state, "\"IPSources\":[\"docker\",\"mesos\",\"host\"]").records();
    assertThat(rs.a().get("web.fw.mesos.")).containsExactly("10.2.0.1", "10.2.0.2");
    RecordSet hostOnly = generate(state, "\"IPSources\":[\"docker\",\"host\"]").records();
    assertThat(hostOnly.a().get("web.fw.mesos.")).containsExactly("10.0.0.11");
  }

  @Test
  void ipv4MappedIsAnARecordAndIpv6IsAaaa() {
    MasterState state =
        oneTask(
            task(
                "t",
                "web",
                "a-S1",
                Task.RUNNING,
                List.of(),
                null,
                running(1, List.of(), "::ffff:10.9.0.1", "2001:DB8:0:0::7")));
    RecordSet rs = generate(state, "").records();
    assertThat(rs.a().get("web.fw.mesos.")).containsExactly("10.9.0.1");
    assertThat(rs.aaaa().get("web.fw.mesos.")).containsExactly("2001:db8::7");
  }

  @Test
  void discoveryInfoPortsNamedAndUnnamedWithAndWithoutProtocol() {
    Task t =
        task(
            "web.1",
            "ignored-name",
            "a-S1",
            Task.RUNNING,
            List.of(31000),
            discovery("Web", port(8080, "http", ""), port(9090, "", "UDP")),
            running(1, List.of(), "9.0.0.5"));
    RecordSet rs = generate(oneTask(t), "").records();
    String canonical = "web-" + TaskIdHash.of("web.1") + "-s1.fw.mesos.";
    String legacy = "Web-" + TaskIdHash.of("web.1") + "-s1.fw.mesos.";
    assertThat(rs.srv().get("_web._tcp.fw.mesos.")).containsExactly(canonical + ":8080");
    assertThat(rs.srv().get("_web._udp.fw.mesos."))
        .containsExactly(canonical + ":8080", canonical + ":9090");
    assertThat(rs.srv().get("_http._web._tcp.fw.mesos.")).containsExactly(canonical + ":8080");
    assertThat(rs.srv().get("_http._web._udp.fw.mesos.")).containsExactly(canonical + ":8080");
    // resource ports only under .slave when DiscoveryInfo is present
    assertThat(rs.srv().get("_web._tcp.fw.slave.mesos."))
        .containsExactly("web-" + TaskIdHash.of("web.1") + "-s1.fw.slave.mesos.:31000");
    // legacy pass: raw DiscoveryInfo name, case kept
    assertThat(rs.a().get("Web.fw.mesos.")).containsExactly("9.0.0.5");
    assertThat(rs.srv().get("_Web._tcp.fw.mesos.")).containsExactly(legacy + ":8080");
    assertThat(rs.a()).doesNotContainKey("ignored-name.fw.mesos.");
  }

  @Test
  void enumerationListsOnlyRecordsThatTheTaskAdded() {
    Task first =
        task(
            "id-1", "web", "a-S1", Task.RUNNING, List.of(), null, running(1, List.of(), "9.0.0.5"));
    Task second =
        task(
            "id-2", "web", "a-S1", Task.RUNNING, List.of(), null, running(1, List.of(), "9.0.0.5"));
    GeneratedRecords gen = generate(oneTask(first, second), "");
    List<Enumeration.Task> tasks = gen.enumeration().frameworks().get(0).tasks();
    assertThat(tasks.get(0).records())
        .extracting(Enumeration.Record::name)
        .containsExactly(
            "web.fw.mesos.",
            "web-" + TaskIdHash.of("id-1") + "-s1.fw.mesos.",
            "web.fw.slave.mesos.",
            "web-" + TaskIdHash.of("id-1") + "-s1.fw.slave.mesos.");
    assertThat(tasks.get(1).records())
        .extracting(Enumeration.Record::name)
        .containsExactly(
            "web-" + TaskIdHash.of("id-2") + "-s1.fw.mesos.",
            "web-" + TaskIdHash.of("id-2") + "-s1.fw.slave.mesos.");
  }

  @Test
  void unresolvableAgentHostGetsNoSlaveRecordsButTasksKeepContainerIps() {
    MasterState state =
        new MasterState(
            "master@10.0.0.1:5050",
            List.of(agent("b-S2", "slave(1)@agent2.example:5051")),
            List.of(
                framework(
                    "fw",
                    "",
                    task(
                        "t",
                        "web",
                        "b-S2",
                        Task.RUNNING,
                        List.of(31000),
                        null,
                        running(1, List.of(), "9.0.0.5")))));
    RecordSet rs = generate(state, "").records();
    assertThat(rs.a()).doesNotContainKeys("slave.mesos.", "web.fw.slave.mesos.");
    assertThat(rs.srv()).doesNotContainKey("_slave._tcp.mesos.");
    assertThat(rs.a().values()).allSatisfy(v -> assertThat(v).noneMatch(x -> x.contains("agent2")));
    assertThat(rs.a().get("web.fw.mesos.")).containsExactly("9.0.0.5");
    assertThat(rs.srv()).containsKey("_web._tcp.fw.mesos.");
  }

  @Test
  void hostnamesGoToTheResolverAndLiteralsNever() {
    List<String> asked = new ArrayList<>();
    HostResolver recording =
        host -> {
          asked.add(host);
          return HostResolver.literalsOnly().resolve("10.5.0.1");
        };
    MasterState state =
        new MasterState(
            "master@10.0.0.1:5050",
            List.of(agent("a-S1", "slave(1)@[2001:db8::2]:5051")),
            List.of(
                new io.dcnet.mesos.model.Framework(
                    "f", "nopid", "sched.example", "", true, List.of())));
    RecordSet rs =
        RecordGenerator.generate(state, List.of(), config(""), recording, List.of()).records();
    assertThat(asked).containsExactly("sched.example");
    assertThat(rs.a().get("nopid.mesos.")).containsExactly("10.5.0.1");
    assertThat(rs.srv()).doesNotContainKey("_framework._tcp.nopid.mesos.");
    assertThat(rs.aaaa().get("slave.mesos.")).containsExactly("2001:db8::2");
  }

  @Test
  void wildcardListenerUsesLocalNonLoopbackAddresses() {
    MasterState state = new MasterState("master@10.0.0.1:5050", List.of(), List.of());
    RecordSet rs =
        RecordGenerator.generate(
                state,
                List.of(),
                config("\"listener\":\"0.0.0.0\""),
                NO_DNS,
                List.of("192.0.2.1", "127.0.0.1", "2001:db8::5", "::1"))
            .records();
    assertThat(rs.a().get("ns1.mesos.")).containsExactly("192.0.2.1");
    assertThat(rs.aaaa().get("ns1.mesos.")).containsExactly("2001:db8::5");
    RecordSet v6 =
        RecordGenerator.generate(
                state,
                List.of(),
                config("\"listener\":\"2001:db8::9\",\"SOAMname\":\"NS.Example\""),
                NO_DNS,
                List.of())
            .records();
    assertThat(v6.aaaa().get("ns.example.")).containsExactly("2001:db8::9");
  }

  @Test
  void systemResolverReturnsLiteralsAsThemselvesAndNeverThrows() {
    HostResolver system = HostResolver.system();
    assertThat(system.resolve("10.7.0.1"))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("10.7.0.1");
    assertThat(system.resolve("")).isEmpty();
    assertThat(system.resolve("localhost")).allMatch(InetAddress::isLoopbackAddress);
    assertThat(HostResolver.literalsOnly().resolve("localhost")).isEmpty();
  }

  private static MasterState oneTask(Task... tasks) {
    return new MasterState(
        "master@10.0.0.1:5050",
        List.of(agent("a-S1", "slave(1)@10.0.0.11:5051")),
        List.of(framework("fw", "", tasks)));
  }
}

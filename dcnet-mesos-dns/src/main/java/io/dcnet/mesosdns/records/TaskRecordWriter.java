package io.dcnet.mesosdns.records;

import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Task A/AAAA/SRV records and the enumeration data (spec/mesos-dns.md sections 3.6, 3.9, 3.10).
 * Only {@code TASK_RUNNING} tasks on agents listed in the state get records; with a DiscoveryInfo
 * name the whole block is written twice, first with the raw DiscoveryInfo name (Mesos-DNS's legacy
 * pass), then with its sanitised label.
 *
 * <p>Not thread-safe: confined to one {@link RecordGenerator#generate} call.
 */
final class TaskRecordWriter {
  private final LabelRules rule;
  private final String tail;
  private final List<String> ipSources;
  private final Map<String, List<InetAddress>> agentIps;
  private final RecordSink sink;

  TaskRecordWriter(
      LabelRules rule,
      String tail,
      List<String> ipSources,
      Map<String, List<InetAddress>> agentIps,
      RecordSink sink) {
    this.rule = rule;
    this.tail = tail;
    this.ipSources = ipSources;
    this.agentIps = agentIps;
    this.sink = sink;
  }

  Enumeration write(MasterState state) {
    List<Enumeration.Framework> frameworks = new ArrayList<>();
    for (Framework f : state.frameworks()) {
      List<Enumeration.Task> tasks = new ArrayList<>();
      String fname = rule.domainFrag(f.name());
      for (Task t : f.tasks()) {
        List<InetAddress> slaveIps = agentIps.get(t.agentId());
        if (slaveIps != null && Task.RUNNING.equals(t.state())) {
          List<Enumeration.Record> records = new ArrayList<>();
          task(t, fname, slaveIps, records);
          tasks.add(new Enumeration.Task(t.name(), t.id(), records));
        }
      }
      frameworks.add(new Enumeration.Framework(f.name(), tasks));
    }
    return new Enumeration(frameworks);
  }

  private void task(
      Task t, String fname, List<InetAddress> slaveIps, List<Enumeration.Record> records) {
    String hash = TaskIdHash.of(t.id());
    String agentTail = agentIdTail(t.agentId());
    List<InetAddress> taskIps = TaskIps.of(t, ipSources, slaveIps);
    boolean hasDiscovery = t.discovery() != null && !t.discovery().name().isEmpty();
    if (hasDiscovery) {
      String raw = t.discovery().name();
      block(t, raw, hash, agentTail, fname, taskIps, slaveIps, true, records); // legacy pass
      block(t, rule.label(raw), hash, agentTail, fname, taskIps, slaveIps, true, records);
    } else {
      block(t, rule.label(t.name()), hash, agentTail, fname, taskIps, slaveIps, false, records);
    }
  }

  private void block(
      Task t,
      String label,
      String hash,
      String agentTail,
      String fname,
      List<InetAddress> taskIps,
      List<InetAddress> slaveIps,
      boolean hasDiscovery,
      List<Enumeration.Record> records) {
    String canonical = label + "-" + hash + "-" + agentTail + "." + fname;
    String shortName = label + "." + fname;
    for (InetAddress ip : taskIps) {
      sink.addTaskIp(shortName + tail, ip, records);
      sink.addTaskIp(canonical + tail, ip, records);
    }
    for (InetAddress ip : slaveIps) {
      sink.addTaskIp(shortName + ".slave" + tail, ip, records);
      sink.addTaskIp(canonical + ".slave" + tail, ip, records);
    }
    String slaveTarget = canonical + ".slave" + tail + ":";
    for (int port : t.ports()) {
      for (String proto : List.of("_tcp", "_udp")) {
        sink.addTaskSrv(
            "_" + label + "." + proto + "." + fname + ".slave" + tail, slaveTarget + port, records);
      }
      if (!hasDiscovery) {
        for (String proto : List.of("_tcp", "_udp")) {
          sink.addTaskSrv(
              "_" + label + "." + proto + "." + fname + tail, slaveTarget + port, records);
        }
      }
    }
    if (!hasDiscovery) {
      return;
    }
    for (DiscoveryPort p : t.discovery().ports()) {
      String target = canonical + tail + ":" + p.number();
      String proto = rule.label(p.protocol());
      List<String> protos = proto.isEmpty() ? List.of("tcp", "udp") : List.of(proto);
      String portName = rule.label(p.name());
      for (String pr : protos) {
        sink.addTaskSrv("_" + label + "._" + pr + "." + fname + tail, target, records);
      }
      if (!portName.isEmpty()) {
        for (String pr : protos) {
          sink.addTaskSrv(
              "_" + portName + "._" + label + "._" + pr + "." + fname + tail, target, records);
        }
      }
    }
  }

  /** The text after the last {@code -} of an agent id, lower-cased ({@code ...-S3} → s3). */
  static String agentIdTail(String agentId) {
    return agentId.substring(agentId.lastIndexOf('-') + 1).toLowerCase(Locale.ROOT);
  }
}

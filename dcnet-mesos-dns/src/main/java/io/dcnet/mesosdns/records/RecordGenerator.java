package io.dcnet.mesosdns.records;

import io.dcnet.core.net.HostPort;
import io.dcnet.core.net.HostResolver;
import io.dcnet.core.net.IpLiterals;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Pid;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a master state into Mesos-DNS records, exactly as Mesos-DNS's generator does
 * (spec/mesos-dns.md section 3): frameworks, agents, the nameserver, masters, then tasks.
 *
 * <p>A pure function of its inputs: no clock and no I/O except host lookups through the given
 * {@link HostResolver} (IP literals never reach it). Deliberate deviation from upstream (issue
 * #509): an agent whose PID host yields no IP gets no {@code .slave} records at all, instead of its
 * hostname filed as an A record; one WARN line per call lists such agents.
 *
 * <p>Thread-safe: stateless; each call has its own working state.
 */
public final class RecordGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(RecordGenerator.class);

  private RecordGenerator() {}

  /**
   * Generates the record set and enumeration data.
   *
   * @param masters the master list: {@code [leader, others...]} from ZooKeeper (an empty leader
   *     means unknown) or the configured {@code masters}; entries are {@code ip:port}
   * @param listenerAddresses the non-loopback local addresses, used for the nameserver record when
   *     the DNS listener is a wildcard address
   */
  public static GeneratedRecords generate(
      MasterState state,
      List<String> masters,
      MesosDnsConfig cfg,
      HostResolver resolver,
      List<String> listenerAddresses) {
    LabelRules rule = LabelRules.of(cfg.enforceRfc952());
    String tail = "." + cfg.domain() + ".";
    RecordSink sink = new RecordSink();
    frameworkRecords(state, rule, tail, resolver, sink);
    Map<String, List<InetAddress>> agentIps = agentRecords(state, cfg.domain(), resolver, sink);
    listenerRecord(cfg, listenerAddresses, sink);
    masterRecords(state.leader(), masters, cfg.domain(), sink);
    Enumeration enumeration =
        new TaskRecordWriter(rule, tail, cfg.ipSources(), agentIps, sink).write(state);
    return new GeneratedRecords(sink.build(), enumeration);
  }

  private static void frameworkRecords(
      MasterState state, LabelRules rule, String tail, HostResolver resolver, RecordSink sink) {
    for (Framework f : state.frameworks()) {
      Optional<Pid> pid = Pid.parse(f.pid());
      String host = pid.map(Pid::host).orElse(f.hostname());
      List<InetAddress> ips = hostToIps(host, resolver);
      if (ips.isEmpty()) {
        continue;
      }
      String name = rule.domainFrag(f.name()) + tail;
      for (InetAddress ip : ips) {
        sink.addIp(name, ip);
      }
      pid.ifPresent(p -> sink.addSrv("_framework._tcp." + name, name + ":" + p.port()));
    }
  }

  private static Map<String, List<InetAddress>> agentRecords(
      MasterState state, String domain, HostResolver resolver, RecordSink sink) {
    String slave = "slave." + domain + ".";
    Map<String, List<InetAddress>> agentIps = new LinkedHashMap<>();
    List<String> unresolved = new ArrayList<>();
    for (Agent a : state.agents()) {
      Optional<Pid> pid = Pid.parse(a.pid());
      String host = pid.map(Pid::host).orElse(a.hostname());
      List<InetAddress> ips = hostToIps(host, resolver);
      for (InetAddress ip : ips) {
        sink.addIp(slave, ip);
      }
      if (!ips.isEmpty() && pid.isPresent()) {
        sink.addSrv("_slave._tcp." + domain + ".", slave + ":" + pid.get().port());
      }
      if (ips.isEmpty()) {
        unresolved.add(a.id() + " (" + host + ")");
      }
      agentIps.put(a.id(), ips); // last wins on duplicate ids, as upstream
    }
    if (!unresolved.isEmpty()) {
      LOG.warn(
          "{} agent(s) have no IP address and get no .slave records: {}",
          unresolved.size(),
          unresolved);
    }
    return agentIps;
  }

  private static void listenerRecord(
      MesosDnsConfig cfg, List<String> listenerAddresses, RecordSink sink) {
    String ns = cfg.soaMname().toLowerCase(Locale.ROOT);
    if (cfg.wildcardListener()) {
      for (String addr : listenerAddresses) {
        IpLiterals.parse(addr)
            .filter(ip -> !ip.isLoopbackAddress())
            .ifPresent(ip -> sink.addIp(ns, ip));
      }
    } else {
      IpLiterals.parse(cfg.listener()).ifPresent(ip -> sink.addIp(ns, ip));
    }
  }

  /** Leader, master and masterN records (spec section 3.5). */
  static void masterRecords(String leader, List<String> masters, String domain, RecordSink sink) {
    int at = leader.indexOf('@');
    Optional<HostPort> leaderHp =
        at < 0 ? Optional.empty() : HostPort.parse(leader.substring(at + 1));
    Optional<InetAddress> leaderIp = leaderHp.flatMap(hp -> IpLiterals.parse(hp.host()));
    if (leaderIp.isEmpty()) {
      if (!leader.isEmpty()) {
        LOG.warn("leader {}: not master@ip:port; no master records", leader);
      }
      return;
    }
    String leaderKey = normalised(leaderIp.get(), leaderHp.get().port());
    String all = "master." + domain + ".";
    sink.addIp("leader." + domain + ".", leaderIp.get());
    sink.addIp(all, leaderIp.get());
    String target = "leader." + domain + ".:" + leaderHp.get().port();
    sink.addSrv("_leader._tcp." + domain + ".", target);
    sink.addSrv("_leader._udp." + domain + ".", target);
    boolean leaderNumbered = false;
    int idx = 0;
    for (String m : masters) {
      Optional<HostPort> hp = HostPort.parse(m);
      Optional<InetAddress> ip = hp.flatMap(h -> IpLiterals.parse(h.host()));
      if (ip.isEmpty()) {
        continue; // empty (unknown leader) or malformed entry
      }
      boolean isLeader = normalised(ip.get(), hp.get().port()).equals(leaderKey);
      if (!isLeader && !sink.addIp(all, ip.get())) {
        continue; // duplicate master IP
      }
      if (isLeader && leaderNumbered) {
        continue; // leader listed twice
      }
      sink.addIp("master" + idx + "." + domain + ".", ip.get());
      idx++;
      leaderNumbered |= isLeader;
    }
    if (!leaderNumbered) {
      if (!masters.isEmpty()) {
        LOG.warn("leader {} is not in the masters list {}", leader, masters);
      }
      sink.addIp("master" + idx + "." + domain + ".", leaderIp.get());
    }
  }

  private static String normalised(InetAddress ip, int port) {
    return new HostPort(IpLiterals.format(ip), port).toString();
  }

  /** Mesos-DNS's hostToIPs: an IP literal as itself, otherwise the resolver's answer. */
  static List<InetAddress> hostToIps(String host, HostResolver resolver) {
    if (host == null || host.isEmpty()) {
      return List.of();
    }
    Optional<InetAddress> literal = IpLiterals.parse(host);
    if (literal.isPresent()) {
      return List.of(literal.get());
    }
    List<InetAddress> ips = resolver.resolve(host);
    return ips == null ? List.of() : ips;
  }
}

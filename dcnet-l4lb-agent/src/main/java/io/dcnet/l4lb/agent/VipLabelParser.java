package io.dcnet.l4lb.agent;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.model.Protocol;
import io.dcnet.l4lb.model.VipId;
import io.dcnet.mesos.model.DiscoveryPort;
import io.dcnet.mesos.model.Label;
import io.dcnet.mesos.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the VIPs a task declares (spec dcos-net.md 3.1):
 *
 * <ul>
 *   <li>labels on {@code discovery.ports.ports[]} whose key starts with {@code VIP} or {@code vip}
 *       (e.g. {@code VIP_0}), value {@code <vip>:<port>} split at the last {@code :}; an IP (IPv4,
 *       IPv6, IPv6 optionally in brackets) makes an IP VIP, anything else a named VIP {@code
 *       <label>.<framework>} (see {@link VipNames}); the protocol is the discovery port's ({@code
 *       tcp}, {@code udp}, {@code tcp,udp} → one VIP each; empty → {@code tcp}); the port label
 *       {@code network-scope=host} makes the port number a host port, else it is a container port;
 *   <li>legacy task labels {@code VIP_PORT<idx>} = {@code tcp://<vip>:<port>} or {@code
 *       udp://<vip>:<port>}, served on the idx-th (from 0) port resource of the task (a host port).
 * </ul>
 *
 * Malformed labels become {@link VipLabelProblem}s; they never throw and never hide the other
 * labels.
 *
 * <p>Thread-safe: stateless.
 */
public final class VipLabelParser {
  static final String EXPECTED_VIP =
      "expected: <name>:<port>, <ipv4>:<port> or <ipv6>:<port> (IPv6 may be in brackets),"
          + " port 1-65535";
  static final String EXPECTED_LEGACY = "expected: tcp://<vip>:<port> or udp://<vip>:<port>";
  private static final String LEGACY_PREFIX = "vip_port";

  /** The ports of one task that carry VIPs, and the labels that could not be read. */
  public record Result(List<TaskPort> ports, List<VipLabelProblem> problems) {
    public Result {
      ports = List.copyOf(ports);
      problems = List.copyOf(problems);
    }
  }

  private VipLabelParser() {}

  /** The VIP-carrying ports of {@code task}, a task of the framework named {@code framework}. */
  public static Result parse(Task task, String framework) {
    List<TaskPort> ports = new ArrayList<>();
    List<VipLabelProblem> problems = new ArrayList<>();
    if (task.discovery() != null) {
      for (DiscoveryPort dp : task.discovery().ports()) {
        discoveryPort(task.id(), dp, framework, ports, problems);
      }
    }
    for (Label l : task.labels()) {
      if (l.key().toLowerCase(Locale.ROOT).startsWith(LEGACY_PREFIX)) {
        legacyLabel(task, l, framework, ports, problems);
      }
    }
    return new Result(ports, problems);
  }

  /** True for a discovery-port label key that declares a VIP ({@code VIP…} or {@code vip…}). */
  public static boolean isVipKey(String key) {
    return key.startsWith("VIP") || key.startsWith("vip");
  }

  private static void discoveryPort(
      String taskId,
      DiscoveryPort dp,
      String framework,
      List<TaskPort> ports,
      List<VipLabelProblem> problems) {
    List<Label> vipLabels = dp.labels().stream().filter(l -> isVipKey(l.key())).toList();
    if (vipLabels.isEmpty()) {
      return;
    }
    String portProblem = null;
    List<Protocol> protocols = List.of();
    boolean host = false;
    try {
      protocols = protocols(dp.protocol());
      host = hostScope(dp.labels());
      if (dp.number() < 1 || dp.number() > 65535) {
        portProblem = "discovery port number: " + dp.number() + " (expected: 1-65535)";
      }
    } catch (IllegalArgumentException e) {
      portProblem = e.getMessage();
    }
    for (Label l : vipLabels) {
      if (portProblem != null) {
        problems.add(new VipLabelProblem(taskId, l.key(), l.value(), portProblem));
        continue;
      }
      for (Protocol p : protocols) {
        try {
          VipId vip = parseVip(l.value(), p, framework);
          ports.add(
              host
                  ? new TaskPort(p, 0, dp.number(), List.of(vip))
                  : new TaskPort(p, dp.number(), 0, List.of(vip)));
        } catch (IllegalArgumentException e) {
          problems.add(new VipLabelProblem(taskId, l.key(), l.value(), e.getMessage()));
          break;
        }
      }
    }
  }

  private static void legacyLabel(
      Task task, Label l, String framework, List<TaskPort> ports, List<VipLabelProblem> problems) {
    String suffix = l.key().substring(LEGACY_PREFIX.length());
    int idx;
    try {
      idx = Integer.parseInt(suffix);
      if (idx < 0) {
        throw new NumberFormatException(suffix);
      }
    } catch (NumberFormatException e) {
      problems.add(
          new VipLabelProblem(
              task.id(), l.key(), l.value(), "key (expected: VIP_PORT<index>, index 0 or more)"));
      return;
    }
    String value = l.value();
    int sep = value.indexOf("://");
    Protocol protocol;
    try {
      if (sep < 0) {
        throw new IllegalArgumentException("no protocol");
      }
      protocol = Protocol.parse(value.substring(0, sep));
    } catch (IllegalArgumentException e) {
      problems.add(new VipLabelProblem(task.id(), l.key(), value, EXPECTED_LEGACY));
      return;
    }
    if (idx >= task.ports().size()) {
      problems.add(
          new VipLabelProblem(
              task.id(),
              l.key(),
              value,
              "port index: "
                  + idx
                  + " (expected: below the task's "
                  + task.ports().size()
                  + " port resources)"));
      return;
    }
    try {
      VipId vip = parseVip(value.substring(sep + 3), protocol, framework);
      ports.add(new TaskPort(protocol, 0, task.ports().get(idx), List.of(vip)));
    } catch (IllegalArgumentException e) {
      problems.add(new VipLabelProblem(task.id(), l.key(), value, e.getMessage()));
    }
  }

  /**
   * Parses a VIP label value {@code <vip>:<port>}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static VipId parseVip(String value, Protocol protocol, String framework) {
    String v = value == null ? "" : value.strip();
    int colon = v.lastIndexOf(':');
    if (colon <= 0 || colon == v.length() - 1) {
      throw new IllegalArgumentException("vip: '" + value + "' (" + EXPECTED_VIP + ")");
    }
    String host = v.substring(0, colon);
    String portText = v.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port: '" + portText + "' (" + EXPECTED_VIP + ")", e);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (" + EXPECTED_VIP + ")");
    }
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    String bare = bracketed ? host.substring(1, host.length() - 1) : host;
    if (IpLiterals.isLiteral(bare) && (!bracketed || bare.indexOf(':') >= 0)) {
      return new VipId(protocol, bare, port);
    }
    if (bracketed || host.indexOf(':') >= 0 || host.indexOf('[') >= 0) {
      throw new IllegalArgumentException("ip: '" + host + "' (" + EXPECTED_VIP + ")");
    }
    String name = VipNames.sanitize(host, framework);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(
          "name: '" + host + "' has no letters or digits (" + EXPECTED_VIP + ")");
    }
    return new VipId(protocol, name, port);
  }

  /**
   * The protocols of a discovery port: {@code tcp}, {@code udp}, both separated by commas, any
   * case; empty means {@code tcp}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static List<Protocol> protocols(String text) {
    if (text == null || text.isBlank()) {
      return List.of(Protocol.TCP);
    }
    List<Protocol> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      Protocol p;
      try {
        p = Protocol.parse(part);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "discovery port protocol: '" + text + "' (expected: tcp, udp or tcp,udp)", e);
      }
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * True when the port's {@code network-scope} label says {@code host}; {@code container} or no
   * label means a container port.
   *
   * @throws IllegalArgumentException for another value
   */
  static boolean hostScope(List<Label> labels) {
    boolean host = false;
    for (Label l : labels) {
      if ("network-scope".equals(l.key())) {
        switch (l.value()) {
          case "host" -> host = true;
          case "container" -> host = false;
          default ->
              throw new IllegalArgumentException(
                  "network-scope: '" + l.value() + "' (expected: host or container)");
        }
      }
    }
    return host;
  }
}

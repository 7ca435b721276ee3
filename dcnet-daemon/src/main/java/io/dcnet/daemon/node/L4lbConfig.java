package io.dcnet.daemon.node;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code l4lb} section of the node config (README "Node config"; defaults of dcos-net's {@code
 * dcos_l4lb} app where they exist).
 *
 * <p>Immutable; thread-safe.
 *
 * @param enabled {@code enabled}: run VIP discovery, allocation and a data plane
 * @param dataPlane {@code data_plane}: {@code auto}, {@code nftables}, {@code userspace} or {@code
 *     none}
 * @param agentUrl {@code agent_url}: the local Mesos agent (agents); null = {@code
 *     http://<ip>:5051/}
 * @param agentPollInterval {@code agent_poll_interval_seconds}
 * @param enableIpv6 {@code enable_ipv6}: IPv6 named-VIP addresses and IPv6 backends
 * @param minNamedIp {@code min_named_ip}
 * @param maxNamedIp {@code max_named_ip}
 * @param minNamedIp6 {@code min_named_ip6}
 * @param maxNamedIp6 {@code max_named_ip6}
 * @param zookeeper {@code zookeeper}: ZooKeeper connect string for named-VIP allocation (masters);
 *     null = {@code <every master ip>:2181}
 * @param nameGrace {@code name_grace_seconds}: how long a named VIP's address stays reserved after
 *     its last backend is gone
 * @param reconcileInterval {@code reconcile_seconds}: how often the data plane is checked (the full
 *     read-back at most this often, decision 010)
 * @param nftTable {@code nft_table}: the nftables table dcnet owns ({@code inet} family)
 */
public record L4lbConfig(
    boolean enabled,
    String dataPlane,
    URI agentUrl,
    Duration agentPollInterval,
    boolean enableIpv6,
    String minNamedIp,
    String maxNamedIp,
    String minNamedIp6,
    String maxNamedIp6,
    String zookeeper,
    Duration nameGrace,
    Duration reconcileInterval,
    String nftTable) {

  public static final String AUTO = "auto";
  public static final String NFTABLES = "nftables";
  public static final String USERSPACE = "userspace";
  public static final String NONE = "none";

  public L4lbConfig {
    Objects.requireNonNull(dataPlane, "dataPlane");
    Objects.requireNonNull(agentPollInterval, "agentPollInterval");
    Objects.requireNonNull(nameGrace, "nameGrace");
    Objects.requireNonNull(reconcileInterval, "reconcileInterval");
    Objects.requireNonNull(nftTable, "nftTable");
  }

  /** The defaults: on, data plane chosen automatically, dcos-net's ranges and timers. */
  public static L4lbConfig defaults() {
    return new L4lbConfig(
        true,
        AUTO,
        null,
        Duration.ofSeconds(2),
        true,
        "11.0.0.0",
        "11.255.255.254",
        "fd01:c::",
        "fd01:c::ffff:ffff:ffff:ffff",
        null,
        Duration.ofMinutes(10),
        Duration.ofSeconds(30),
        "dcnet-l4lb");
  }
}

package io.dcnet.daemon.node;

import io.dcnet.core.net.HostPort;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This master's own Mesos master, and whether it leads. {@code mesos_url} names it, but Mesos names
 * the leader by the address it advertises ({@code master@ip:port}), which is a different string
 * when {@code mesos_url} uses a host name, {@code localhost}, or an address other than the
 * advertised one. So the event stream decides too: a stream that the own master served itself,
 * without a 307 to another master, means that it leads, and the leader's pid is then its name as
 * the other masters see it ({@link #seat()}).
 *
 * <p>Not thread-safe: {@link LeaderZonePublisher} calls it under its own lock.
 */
final class OwnMesosMaster {
  private static final Logger LOG = LoggerFactory.getLogger(OwnMesosMaster.class);

  private final HostPort configured;
  private HostPort advertised; // null until a stream came straight from it under another name

  /**
   * @param configured {@code mesos_url}'s host and port
   */
  OwnMesosMaster(HostPort configured) {
    this.configured = Objects.requireNonNull(configured, "configured");
  }

  /**
   * Whether the own Mesos master leads, given the stream's leader.
   *
   * @param leaderPid the master serving the stream, {@code master@host:port}
   * @param served whether the own master served the stream itself (no 307)
   */
  boolean leads(String leaderPid, boolean served) {
    Optional<HostPort> leader = ZoneDeputyTracker.masterOf(leaderPid);
    if (served
        && leader.isPresent()
        && !ZoneDeputyTracker.same(leader.get(), configured)
        && !leader.get().equals(advertised)) {
      advertised = leader.get();
      LOG.info(
          "the Mesos master at mesos_url {} is {} to Mesos and the other masters",
          configured,
          advertised);
    }
    return served || ZoneDeputyTracker.isOwn(leaderPid, configured);
  }

  /** The own master's name for the other masters: as Mesos advertises it once known. */
  HostPort seat() {
    return advertised != null ? advertised : configured;
  }

  @Override
  public String toString() {
    return advertised == null ? configured.toString() : configured + " (" + advertised + ")";
  }
}

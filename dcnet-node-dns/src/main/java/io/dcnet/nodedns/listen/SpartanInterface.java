package io.dcnet.nodedns.listen;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the agents' dummy interface {@code spartan} holding 198.51.100.1-3/32 (what dcos-net's
 * systemd {@code ExecStartPre} did), idempotently. Needs CAP_NET_ADMIN. On a kernel without the
 * {@code dummy} driver ("Unknown device type") a port-less bridge is created instead: for local
 * addresses it behaves the same (both are admin-up links that only carry local routes).
 *
 * <p>Thread-safe if the {@link IpCommand} is; concurrent callers may both try to create the link
 * (the loser's "File exists" is tolerated).
 */
public final class SpartanInterface {
  private static final Logger log = LoggerFactory.getLogger(SpartanInterface.class);

  /** The interface name. */
  public static final String NAME = "spartan";

  /** The agents' DNS addresses. */
  public static final List<String> ADDRESSES =
      List.of("198.51.100.1", "198.51.100.2", "198.51.100.3");

  private final IpCommand ip;

  public SpartanInterface(IpCommand ip) {
    this.ip = Objects.requireNonNull(ip, "ip");
  }

  private boolean create() throws IOException {
    try {
      ip.addLink(NAME, "dummy");
      log.info("created dummy interface {}", NAME);
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().contains("Unknown device type")) {
        throw e;
      }
      ip.addLink(NAME, "bridge");
      log.warn("kernel has no dummy links; created {} as a port-less bridge", NAME);
    }
    return true;
  }

  /**
   * Makes sure {@code spartan} exists, is up and holds the three addresses.
   *
   * @return true when the link had to be created
   */
  public boolean ensure() throws IOException {
    boolean created = false;
    if (!ip.linkExists(NAME)) {
      try {
        created = create();
      } catch (IOException e) {
        if (!ip.linkExists(NAME)) {
          throw e;
        }
      }
    }
    ip.setUp(NAME);
    for (String a : ADDRESSES) {
      ip.replaceAddress(NAME, a + "/32");
    }
    return created;
  }
}

package io.dcnet.nodedns.listen;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the agents' dummy interface {@code spartan} holding 198.51.100.1-3/32 (what dcos-net's
 * systemd {@code ExecStartPre} did), idempotently. Needs CAP_NET_ADMIN.
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

  /**
   * Makes sure {@code spartan} exists, is up and holds the three addresses.
   *
   * @return true when the link had to be created
   */
  public boolean ensure() throws IOException {
    boolean created = false;
    if (!ip.linkExists(NAME)) {
      try {
        ip.addDummy(NAME);
        created = true;
        log.info("created dummy interface {}", NAME);
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

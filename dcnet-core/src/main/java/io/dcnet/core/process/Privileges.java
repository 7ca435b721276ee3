package io.dcnet.core.process;

/**
 * What this process may do to the host. Stateless: thread-safe.
 *
 * <p>The check is the JVM's user name, which the JVM takes from the password entry of the effective
 * user id at start; it does not look at capabilities, so a non-root user with {@code CAP_NET_ADMIN}
 * counts as unprivileged (callers then choose the variant that needs no privilege).
 */
public final class Privileges {
  private Privileges() {}

  /** True when running as root: nftables, {@code ip link} and ports below 1024 are available. */
  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}

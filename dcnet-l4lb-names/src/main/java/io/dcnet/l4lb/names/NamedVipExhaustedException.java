package io.dcnet.l4lb.names;

/**
 * A range has no free address left: {@code out of named VIP addresses in <field> <range> (name
 * <name>)}. {@link #family()} tells which range is full, so a caller can still allocate the other
 * family (the controller gives a new name its IPv4 address when only the IPv6 range is full).
 * Immutable.
 */
public final class NamedVipExhaustedException extends NamedVipStoreException {
  private static final long serialVersionUID = 1L;

  private final boolean ipv6;
  private final String field;

  public NamedVipExhaustedException(String name, AddressRange range) {
    super(
        "out of named VIP addresses in "
            + range.field()
            + " "
            + range.text()
            + " (name "
            + name
            + ")");
    this.ipv6 = range.isV6();
    this.field = range.field();
  }

  /** True when the IPv6 range is the full one, false for the IPv4 range. */
  public boolean isIpv6() {
    return ipv6;
  }

  /** The full range's family: {@code ipv4} or {@code ipv6}. */
  public String family() {
    return ipv6 ? "ipv6" : "ipv4";
  }

  /** The configuration field of the full range, e.g. {@code l4lb.min_named_ip6..max_named_ip6}. */
  public String field() {
    return field;
  }
}

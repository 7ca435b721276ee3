package io.dcnet.l4lb.model;

import java.util.Objects;

/**
 * The addresses allocated to a named VIP ({@code l4lb/names}, field = the name). Allocated by the
 * masters with majority agreement; an address never changes while the name exists (an IPv6 address
 * may be added later, when IPv6 is turned on). Immutable.
 *
 * @param name the sanitised name, e.g. {@code mygroupmyapp.marathon}
 * @param ipv4 the IPv4 address, or null when none is allocated
 * @param ipv6 the IPv6 address, or null when none is allocated
 */
public record NamedVipAddress(String name, String ipv4, String ipv6) {
  public NamedVipAddress {
    Objects.requireNonNull(name, "name");
  }
}

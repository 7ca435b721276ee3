package io.dcnet.core.dns;

import java.util.Objects;

/**
 * One record value of a dcnet-owned DNS zone (node DNS: {@code dcos.thisdcos.directory}, {@code
 * mesos.thisdcos.directory}, {@code l4lb.thisdcos.directory}, static and custom zones). Names are
 * lower case, fully qualified, without a trailing dot.
 *
 * <p>Immutable.
 */
public sealed interface ZoneRecord {

  /** IPv4 address text. */
  record A(String ip) implements ZoneRecord {
    public A {
      Objects.requireNonNull(ip, "ip");
    }
  }

  /** IPv6 address text. */
  record Aaaa(String ip) implements ZoneRecord {
    public Aaaa {
      Objects.requireNonNull(ip, "ip");
    }
  }

  /** SRV; {@code target} fully qualified without trailing dot. */
  record Srv(int priority, int weight, int port, String target) implements ZoneRecord {
    public Srv {
      Objects.requireNonNull(target, "target");
    }
  }

  /** CNAME; {@code target} fully qualified without trailing dot. */
  record Cname(String target) implements ZoneRecord {
    public Cname {
      Objects.requireNonNull(target, "target");
    }
  }
}

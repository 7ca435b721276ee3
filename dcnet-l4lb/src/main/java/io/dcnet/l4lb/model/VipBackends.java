package io.dcnet.l4lb.model;

import java.util.List;
import java.util.Objects;

/** A VIP and some of its backends (those one agent publishes, or all of them). Immutable. */
public record VipBackends(VipId vip, List<Backend> backends) {
  public VipBackends {
    Objects.requireNonNull(vip, "vip");
    backends = backends.stream().sorted().distinct().toList();
  }
}

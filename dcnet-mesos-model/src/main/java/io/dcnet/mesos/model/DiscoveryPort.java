package io.dcnet.mesos.model;

import java.util.List;

/** One {@code discovery.ports.ports[]} entry. Name and protocol are free text, maybe empty. */
public record DiscoveryPort(int number, String name, String protocol, List<Label> labels) {
  public DiscoveryPort {
    name = name == null ? "" : name;
    protocol = protocol == null ? "" : protocol;
    labels = List.copyOf(labels);
  }
}

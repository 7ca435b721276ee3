package io.dcnet.mesos.model;

import java.util.List;

/** A task's DiscoveryInfo. {@code name} may be empty. */
public record DiscoveryInfo(
    String name, String visibility, List<DiscoveryPort> ports, List<Label> labels) {
  public DiscoveryInfo {
    name = name == null ? "" : name;
    visibility = visibility == null ? "" : visibility;
    ports = List.copyOf(ports);
    labels = List.copyOf(labels);
  }
}

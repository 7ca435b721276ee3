package io.dcnet.mesos.model;

import java.util.List;

/**
 * One entry of {@code container_status.network_infos}.
 *
 * @param ipAddresses the {@code ip_addresses[].ip_address} values in order, as written
 * @param legacyIpAddress the Mesos 0.25 single {@code ip_address} field, or empty
 * @param name the network name (CNI network), or empty
 * @param portMappings the {@code port_mappings[]} (host port → container port), in order
 */
public record NetworkInfo(
    List<String> ipAddresses, String legacyIpAddress, String name, List<PortMapping> portMappings) {
  public NetworkInfo {
    ipAddresses = List.copyOf(ipAddresses);
    legacyIpAddress = legacyIpAddress == null ? "" : legacyIpAddress;
    name = name == null ? "" : name;
    portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
  }

  /** A network info without port mappings. */
  public NetworkInfo(List<String> ipAddresses, String legacyIpAddress, String name) {
    this(ipAddresses, legacyIpAddress, name, List.of());
  }

  /** The addresses of this network info: the list, or the legacy field when the list is empty. */
  public List<String> effectiveAddresses() {
    if (!ipAddresses.isEmpty()) {
      return ipAddresses;
    }
    return legacyIpAddress.isEmpty() ? List.of() : List.of(legacyIpAddress);
  }
}

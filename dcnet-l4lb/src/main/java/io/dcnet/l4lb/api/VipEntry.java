package io.dcnet.l4lb.api;

import java.util.List;

/**
 * One VIP in the {@code /v1/vips} body (spec 3.5). Immutable; Jackson serialises it as {@code
 * {"vip": "11.0.0.1:80", "protocol": "tcp", "backend": [...]}}.
 *
 * @param vip {@code ip:port} ({@code [v6]:port}) or {@code name.l4lb.thisdcos.directory:port}
 * @param protocol {@code tcp} or {@code udp}
 * @param backend the backends, sorted
 */
public record VipEntry(String vip, String protocol, List<VipBackendEntry> backend) {
  public VipEntry {
    backend = List.copyOf(backend);
  }
}

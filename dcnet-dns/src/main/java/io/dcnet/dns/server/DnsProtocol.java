package io.dcnet.dns.server;

/** The transport a query arrived on; a forwarder uses the same one upstream. */
public enum DnsProtocol {
  UDP,
  TCP
}

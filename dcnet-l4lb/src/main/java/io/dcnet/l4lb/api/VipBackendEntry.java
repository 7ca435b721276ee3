package io.dcnet.l4lb.api;

/**
 * One backend in the {@code /v1/vips} body. Immutable; Jackson serialises it as {@code {"ip":
 * "...", "port": n}}.
 */
public record VipBackendEntry(String ip, int port) {}

package io.dcnet.dns.server;

import java.io.IOException;
import org.xbill.DNS.Message;

/**
 * A reply parsed from bytes received from elsewhere (an upstream resolver) that keeps those bytes,
 * so the server can relay them unchanged when they fit the client's size limit (only the TC bit may
 * be changed, per {@code setTruncateBit}). If they do not fit, the parsed form is cut and rendered
 * as usual.
 *
 * <p>Must not be modified after construction: the kept bytes would no longer match. Safe to hand
 * between threads once constructed.
 */
public final class RelayedMessage extends Message {
  private final byte[] wire;

  /** Parses {@code wire}; the array is kept, not copied: do not change it afterwards. */
  public RelayedMessage(byte[] wire) throws IOException {
    super(wire);
    this.wire = wire;
  }

  /** The bytes as received. */
  byte[] wire() {
    return wire;
  }
}

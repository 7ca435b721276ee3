package io.dcnet.l4lb.dataplane;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The order of addresses in snapshots: IPv4 before IPv6, then by unsigned bytes. Snapshot maps
 * compare keys on every lookup and insert, and {@link InetAddress#getAddress} copies the bytes each
 * time, so IPv4 addresses are compared through {@link Inet4Address#hashCode}, which is the address
 * as an {@code int} in every JDK; a check at class load falls back to the bytes if a JDK ever
 * differs. Stateless; thread-safe.
 */
final class AddressOrder {
  private static final boolean V4_HASH_IS_ADDRESS = v4HashIsAddress();

  private AddressOrder() {}

  static int compare(InetAddress a, InetAddress b) {
    boolean a4 = a instanceof Inet4Address;
    boolean b4 = b instanceof Inet4Address;
    if (a4 != b4) {
      return a4 ? -1 : 1;
    }
    if (a4 && V4_HASH_IS_ADDRESS) {
      return Integer.compareUnsigned(a.hashCode(), b.hashCode());
    }
    return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
  }

  private static boolean v4HashIsAddress() {
    try {
      byte[][] samples = {{1, 2, 3, 4}, {(byte) 255, 0, (byte) 128, 7}, {10, 0, 0, 1}};
      for (byte[] s : samples) {
        int expected =
            ((s[0] & 255) << 24) | ((s[1] & 255) << 16) | ((s[2] & 255) << 8) | (s[3] & 255);
        if (InetAddress.getByAddress(s).hashCode() != expected) {
          return false;
        }
      }
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}

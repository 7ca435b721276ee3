package io.dcnet.state;

import java.util.Locale;

/**
 * The fixed key layout of the replicated state (see README "Key layout"). Top-level keys are never
 * deleted; each field is owned by the node that wrote it. Thread-safe (constants only).
 */
public final class StateKeys {
  /** Field = node id; value = that node's metadata (IPs, hostname, updated). Every node. */
  public static final String NODES = "nodes";

  /**
   * Field = node id; value = that node's named-VIP and VIP backends. Sharded, see {@link #vips}.
   */
  public static final int VIP_BUCKETS = 16;

  /** Field = the publishing master's node id; value = the zone's records and publish time. */
  public static final String DNS_ZONES_PREFIX = "dns/zones/";

  /**
   * Field = node id of a master that computes the zones (while its Mesos event stream is live);
   * value = its own Mesos master's {@code host:port}, so that the others can tell whether the
   * leading Mesos master has a live dcnet.
   */
  public static final String DNS_PUBLISHERS = "dns/publishers";

  /**
   * Field = node id (its VTEP); value = VTEP IP, MAC, agent subnet. One key per overlay network.
   */
  public static final String OVERLAY_PREFIX = "overlay/";

  /** Field = "keys" (a master); value = cluster DNS signing key pair material. */
  public static final String DNS_SIGNING_KEY = "dns/key";

  private StateKeys() {}

  /**
   * Whether fields of {@code key} stay when their owner leaves the cluster for good (the orphan
   * sweep skips them): true for the DNS zones. A zone's entry is superseded by the next
   * publisher's, never flushed; purging the entry of a publisher that is gone (its dcnet down past
   * the removal timeout, say) would take every record of the zone away. The next publisher removes
   * such entries.
   */
  public static boolean keptWhenOwnerLeaves(String key) {
    return key.startsWith(DNS_ZONES_PREFIX);
  }

  /** {@code dns/zones/<zone>}, zone lower-cased, e.g. {@code dns/zones/thisdcos.directory}. */
  public static String dnsZone(String zone) {
    return DNS_ZONES_PREFIX + zone.toLowerCase(Locale.ROOT);
  }

  /** {@code l4lb/vips/<bucket>} with bucket {@code 00}..{@code 15}, chosen by the VIP hash. */
  public static String vips(int bucket) {
    if (bucket < 0 || bucket >= VIP_BUCKETS) {
      throw new IllegalArgumentException(
          "bucket: " + bucket + " (expected: 0-" + (VIP_BUCKETS - 1) + ")");
    }
    return String.format(Locale.ROOT, "l4lb/vips/%02d", bucket);
  }

  /** The bucket of a VIP name or {@code ip:port}: stable across nodes and JVMs. */
  public static int vipBucket(String vip) {
    return Math.floorMod(vip.hashCode(), VIP_BUCKETS);
  }

  /** {@code overlay/<network>}, e.g. {@code overlay/dcos}. */
  public static String overlay(String network) {
    return OVERLAY_PREFIX + network;
  }
}

package io.dcnet.l4lb.nft;

import io.dcnet.l4lb.dataplane.DataPlaneTrafficContract;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import io.dcnet.l4lb.dataplane.TrafficHarness;
import org.junit.jupiter.api.Tag;

/** The traffic contract through real nftables DNAT, each test in a namespace of its own. */
@Tag("root")
class NftTrafficContractTest extends DataPlaneTrafficContract {
  @Override
  protected TrafficHarness environment() throws Exception {
    return NetnsTrafficHarness.create();
  }

  @Override
  protected L4DataPlane create(TrafficHarness env) throws Exception {
    return NftDataPlane.open(
        NftDataPlane.DEFAULT_TABLE, ((NetnsTrafficHarness) env).namespace().runner());
  }
}

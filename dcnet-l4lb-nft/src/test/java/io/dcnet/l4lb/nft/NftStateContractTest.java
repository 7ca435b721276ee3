package io.dcnet.l4lb.nft;

import io.dcnet.l4lb.dataplane.DataPlaneStateContract;
import io.dcnet.l4lb.dataplane.L4DataPlane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The state contract against a real nftables table inside a namespace this class creates. */
@Tag("root")
class NftStateContractTest extends DataPlaneStateContract {
  private static Netns ns;

  @BeforeAll
  static void createNamespace() throws Exception {
    ns = Netns.create();
  }

  @AfterAll
  static void deleteNamespace() {
    if (ns != null) {
      ns.close();
    }
  }

  @Override
  protected L4DataPlane create() throws Exception {
    return NftDataPlane.open(NftDataPlane.DEFAULT_TABLE, ns.runner());
  }
}

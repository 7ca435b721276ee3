package io.dcnet.l4lb.dataplane;

class InMemoryDataPlaneContractTest extends DataPlaneStateContract {
  private final InMemoryDataPlane.Store store = new InMemoryDataPlane.Store();

  @Override
  protected L4DataPlane create() {
    return new InMemoryDataPlane(store);
  }
}

package io.dcnet.l4lb.names;

class InMemoryNamedVipStoreTest extends NamedVipStoreContract {
  @Override
  NamedVipStore newStore(NamedVipRanges ranges) {
    return new InMemoryNamedVipStore(ranges);
  }
}

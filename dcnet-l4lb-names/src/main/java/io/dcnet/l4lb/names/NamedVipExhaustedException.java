package io.dcnet.l4lb.names;

/** A range has no free address left: {@code out of named VIP addresses in <range>}. */
public final class NamedVipExhaustedException extends NamedVipStoreException {
  private static final long serialVersionUID = 1L;

  public NamedVipExhaustedException(String name, AddressRange range) {
    super(
        "out of named VIP addresses in "
            + range.field()
            + " "
            + range.text()
            + " (name "
            + name
            + ")");
  }
}

package io.dcnet.l4lb.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressOrderTest {
  @Test
  void ordersLikeTheUnsignedBytesIpv4BeforeIpv6() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 5000; i++) {
      int len = random.nextInt(4) == 0 ? 16 : 4;
      byte[] a = new byte[len];
      byte[] b = new byte[len];
      random.nextBytes(a);
      random.nextBytes(b);
      if (random.nextInt(8) == 0) {
        b = a.clone(); // equal ones too
      }
      int expected = Integer.signum(Arrays.compareUnsigned(a, b));
      InetAddress x = InetAddress.getByAddress(a);
      InetAddress y = InetAddress.getByAddress(b);
      assertThat(Integer.signum(AddressOrder.compare(x, y)))
          .as("%s vs %s", x, y)
          .isEqualTo(expected);
    }
    InetAddress high4 = InetAddress.getByName("255.255.255.255");
    InetAddress low6 = InetAddress.getByName("::");
    assertThat(AddressOrder.compare(high4, low6)).isNegative();
    assertThat(AddressOrder.compare(low6, high4)).isPositive();
    assertThat(
            AddressOrder.compare(
                InetAddress.getByName("128.0.0.0"), InetAddress.getByName("127.255.255.255")))
        .as("unsigned, not signed")
        .isPositive();
  }
}

package io.dcnet.state;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension for test classes that cut nodes off with {@link ClusterState#blackholeForTest}:
 * turns on Pekko Artery's test mode (which the blackhole needs) before the class's first test and
 * off after its last, through a system property that the nodes' configuration reads. Use with
 * {@code @ExtendWith(ArteryTestMode.class)}.
 */
final class ArteryTestMode implements BeforeAllCallback, AfterAllCallback {
  private static final String PROPERTY = "pekko.remote.artery.advanced.test-mode";

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty(PROPERTY, "on");
    ConfigFactory.invalidateCaches();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.clearProperty(PROPERTY);
    ConfigFactory.invalidateCaches();
  }
}

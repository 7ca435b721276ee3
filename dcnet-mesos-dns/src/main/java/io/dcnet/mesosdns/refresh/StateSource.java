package io.dcnet.mesosdns.refresh;

import io.dcnet.mesos.model.MasterState;
import java.util.List;

/**
 * Fetches the leading master's state (spec/mesos-dns.md section 2.2). Implementations do the HTTP
 * fetch, master failover and "follow the leader" step; a failure is any exception (for example
 * {@code MesosStateException} for a malformed document).
 *
 * <p>Called only from the refresher's thread, never concurrently with itself.
 */
@FunctionalInterface
public interface StateSource {
  /**
   * Fetches state.
   *
   * @param masters {@code [leader, others...]} (an empty leader means unknown) or the configured
   *     masters list
   */
  MasterState fetch(List<String> masters) throws Exception;
}

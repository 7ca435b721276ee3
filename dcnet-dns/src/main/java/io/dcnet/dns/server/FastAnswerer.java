package io.dcnet.dns.server;

/**
 * An optional companion of {@link DnsQueryHandler}: answers plain queries straight from their
 * bytes, before the query is parsed with dnsjava. {@link QueryProcessor} tries it first when the
 * handler implements it and the query is of {@link WireQuestion}'s plain shape; a null reply means
 * "use {@link DnsQueryHandler#handle}", which must then give the same answer.
 *
 * <p>Implementations must be thread-safe, must not block and must not throw.
 */
public interface FastAnswerer {
  /**
   * The complete reply (header with the query's id, question, sections) of at most {@code
   * sizeLimit} bytes, or null to fall back to the regular path (also when the reply would not fit:
   * the regular path truncates).
   */
  byte[] fastAnswer(WireQuestion question, int sizeLimit);
}

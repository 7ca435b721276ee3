package io.dcnet.dns.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;

/**
 * Test handler scripted by the first label of the question: {@code boom} throws, {@code fail} fails
 * the stage, {@code null} returns null, {@code hang} never answers, {@code slow} answers after 300
 * ms, {@code big} answers 100 A records, anything else one A record 10.0.0.1.
 */
final class ScriptedHandler implements DnsQueryHandler {
  @Override
  public CompletionStage<Message> handle(DnsQuery query) {
    Message q = query.message();
    Name name = q.getQuestion().getName();
    String first = name.getLabelString(0);
    switch (first) {
      case "boom" -> throw new IllegalStateException("scripted failure");
      case "fail" -> {
        return CompletableFuture.failedFuture(new IllegalStateException("scripted"));
      }
      case "null" -> {
        return null;
      }
      case "hang" -> {
        return new CompletableFuture<>();
      }
      case "slow" -> {
        return CompletableFuture.supplyAsync(
            () -> answer(q, name, 1),
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
      }
      case "big" -> {
        return CompletableFuture.completedFuture(answer(q, name, 100));
      }
      default -> {
        return CompletableFuture.completedFuture(answer(q, name, 1));
      }
    }
  }

  static Message answer(Message q, Name name, int count) {
    Message r = DnsReplies.replyTo(q);
    for (int i = 0; i < count; i++) {
      try {
        r.addRecord(
            new ARecord(
                name,
                DClass.IN,
                60,
                InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) (i + 1)})),
            Section.ANSWER);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return r;
  }
}

package org.openvpp.wallet.requester;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.utils.Numeric;

/** Reading requests from the coordinator and naming their values the same way in every command. */
final class Requests {
  static final List<String> STATUS = List.of("none", "open", "cleared", "cancelled", "expired");
  static final List<String> DIRECTION = List.of("up", "down");

  private Requests() {}

  /** A request id as typed: a positive decimal number. */
  static BigInteger id(String text) {
    if (text == null || !text.matches("[0-9]{1,30}") || new BigInteger(text).signum() == 0) {
      throw WalletException.usage(
          "malformed request id '" + text + "': give the number `request post` printed, e.g. 3");
    }
    return new BigInteger(text);
  }

  /** The request; an id never posted is exit code 7. */
  static FlexibilityCoordinator.Request require(Chain chain, BigInteger id) {
    FlexibilityCoordinator.Request r = chain.read(() -> chain.coordinator().getRequest(id).send());
    if (r.status.signum() == 0) {
      throw WalletException.notFound(
          "unknown request "
              + id
              + ": no such request on this network (`vpp-wallet request list` shows yours)");
    }
    return r;
  }

  /** FLEX the coordinator has credited {@code account} and not yet paid out. */
  /** Sends one FlexibilityCoordinator call as the session's account and waits for its outcome. */
  static TxOutcome send(
      Session session, Function<FlexibilityCoordinator, RemoteFunctionCall<?>> call, String what) {
    Chain chain = session.chain();
    String data = call.apply(chain.coordinator()).encodeFunctionCall();
    return session.sender().send(chain.contract(Deployment.FLEXIBILITY_COORDINATOR), data, what);
  }

  static BigInteger owed(Chain chain, String account) {
    return chain.read(() -> chain.coordinator().owed(account).send());
  }

  static String status(FlexibilityCoordinator.Request r) {
    return STATUS.get(r.status.intValueExact());
  }

  static String direction(BigInteger d) {
    return DIRECTION.get(d.intValueExact());
  }

  static String zone(byte[] zone) {
    return Numeric.toHexString(zone);
  }

  static String time(BigInteger epochSeconds) {
    return Instant.ofEpochSecond(epochSeconds.longValueExact()).toString();
  }
}

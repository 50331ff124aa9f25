package org.openvpp.wallet.chain;

import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.tx.ContractErrors;
import org.web3j.protocol.core.Response;

/**
 * Turns revert data into a sentence: the custom error decoded by {@link ContractErrors} plus, for
 * the errors users meet most, what to do about it.
 */
public final class Reverts {
  private static final Map<String, String> HINTS =
      Map.ofEntries(
          Map.entry("NotDeviceOwner", "only the device's owner may do this: choose --account"),
          Map.entry("NotPendingOwner", "only the account the device was offered to may accept"),
          Map.entry("NoPendingOffer", "there is no open offer for this device"),
          Map.entry("OwnerAlreadyBound", "the device has an owner: use `device offer` instead"),
          Map.entry("InvalidDeviceSignature", "the Bind signature is not the device's"),
          Map.entry("DeviceAlreadyRegistered", "the device is registered already"),
          Map.entry("DeviceNotActive", "the device was revoked by its OEM"),
          Map.entry("InvalidProof", "the certificate is not part of that batch"),
          Map.entry("InvalidOemSignature", "the certificate was not signed by the model's OEM"),
          Map.entry("CertificateMismatch", "the certificate does not fit its model's limits"),
          Map.entry("OemNotAdmitted", "the OEM is not admitted (or was suspended) by governance"),
          Map.entry("NotModelOem", "only the OEM that registered the model may do this"),
          Map.entry("NotDeviceOem", "only the device's OEM may revoke it"),
          Map.entry("BatchIsRevoked", "the OEM revoked this batch"),
          Map.entry("StakeBelowMinimum", "stake at least the minimum (see `node status`)"),
          Map.entry("NotRegistered", "register first: `node stake AMOUNT --peer-id P --zone Z`"),
          Map.entry("EarlyWithdrawal", "the unbonding delay has not passed: see `node status`"),
          Map.entry("NothingToWithdraw", "request an unbond first: `node unstake AMOUNT`"),
          Map.entry("ERC20InsufficientBalance", "not enough FLEX"),
          Map.entry("ERC20InsufficientAllowance", "approve more FLEX first"));

  private Reverts() {}

  /** The decoded error of a failed RPC answer (eth_call, eth_estimateGas), if it has data. */
  public static Optional<ContractErrors.DecodedError> decode(Response<?> response) {
    if (!response.hasError() || response.getError().getData() == null) {
      return Optional.empty();
    }
    String data = response.getError().getData().replace("\"", "");
    return data.startsWith("0x") ? ContractErrors.all().decode(data) : Optional.empty();
  }

  public static String explain(ContractErrors.DecodedError error) {
    String hint = HINTS.get(error.name());
    return hint == null ? error.toString() : error + ": " + hint;
  }

  public static boolean isShortOfFunds(ContractErrors.DecodedError error) {
    return error.name().startsWith("ERC20Insufficient");
  }
}

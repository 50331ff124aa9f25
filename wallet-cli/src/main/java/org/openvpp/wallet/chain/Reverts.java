package org.openvpp.wallet.chain;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.tx.ContractErrors;
import org.openvpp.contracts.tx.RevertReasons;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

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
          Map.entry("DeviceNotActive", "the device was revoked (by its OEM or with its OEM)"),
          Map.entry(
              "NodeAlreadyAssigned", "the device is assigned to that node already: `device show`"),
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

  /**
   * Hints for errors whose meaning depends on the contract: several contracts declare an error of
   * the same name ({@code InvalidProof}, {@code NothingToWithdraw}, {@code NoAward}), and a hint
   * about certificates must not explain a reward claim. Looked up before {@link #HINTS}.
   */
  private static final Map<String, Map<String, String>> CONTRACT_HINTS =
      Map.of(
          "FlexibilityCoordinator",
          Map.ofEntries(
              Map.entry("InvalidRequest", "check the request's values: `request post --help`"),
              Map.entry("UnknownRequest", "no such request: `request list` shows yours"),
              Map.entry(
                  "NotOpen",
                  "the request is not open (cleared, cancelled or expired): see `request status`"),
              Map.entry(
                  "NotRequester", "only the account that posted the request may: choose --account"),
              Map.entry(
                  "BiddingClosed",
                  "bidding has closed: a request can be cancelled only before its bid deadline"),
              Map.entry(
                  "RevealNotClosed",
                  "nodes may still reveal: clear after the reveal deadline (`request status`)"),
              Map.entry(
                  "SettlementOpen",
                  "awards can still be settled until the settlement deadline (`request"
                      + " status`): close an unsettled award after it; release once all are"
                      + " settled or after it"),
              Map.entry(
                  "NoAward",
                  "that node has no award in this request: `request status` lists the awards"),
              Map.entry(
                  "AwardAlreadySettled",
                  "the award was settled or closed already: `request status` shows it"),
              Map.entry(
                  "EscrowAlreadyReleased",
                  "released already: take what is owed with `request withdraw`"),
              Map.entry(
                  "OrderNotIncreasing",
                  "the revealed bids changed while clearing was prepared: run `request clear`"
                      + " again"),
              Map.entry(
                  "OrderLengthMismatch",
                  "a reveal landed while clearing was prepared: run `request clear` again"),
              Map.entry("NothingToWithdraw", "the coordinator owes this account nothing")),
          "NodeRegistry",
          Map.ofEntries(
              Map.entry(
                  "ObligationsOpen",
                  "the node still has open obligations (awards not yet settled, submissions or"
                      + " attestations not yet final), so its unbonding stake stays slashable:"
                      + " withdraw once `node status` shows 0 obligations")),
          "Settlement",
          Map.ofEntries(
              Map.entry(
                  "InvalidProof",
                  "the proof does not match the node's current reward root: ask the node for a"
                      + " fresh one (`rewards show` checks it)"),
              Map.entry("NothingToClaim", "everything this proof covers is claimed already"),
              Map.entry(
                  "RewardPoolExceeded",
                  "the node's finalized rewards do not cover this claim: the proof is wrong,"
                      + " ask the node"),
              Map.entry("NothingToWithdraw", "this account has no attestor fees to withdraw")));

  private Reverts() {}

  /** The decoded error of a failed RPC answer (eth_call, eth_estimateGas), if it has data. */
  public static Optional<ContractErrors.DecodedError> decode(Response<?> response) {
    if (!response.hasError() || response.getError().getData() == null) {
      return Optional.empty();
    }
    String data = response.getError().getData().replace("\"", "");
    return data.startsWith("0x") ? ContractErrors.all().decode(data) : Optional.empty();
  }

  /**
   * Why a mined transaction reverted. First as {@link RevertReasons} finds it (the revert data of
   * the transaction in its own block, from the receipt or a trace; on a node without either, a
   * replay on the state before its block); if that finds nothing — the node does not trace and
   * another transaction earlier in the same block changed the state — replayed on the state after
   * its block, where a reverted transaction left no trace but the earlier ones did.
   */
  public static Optional<ContractErrors.DecodedError> ofMined(
      Web3j web3j, TransactionReceipt receipt) {
    return RevertReasons.of(web3j, receipt).or(() -> replay(web3j, receipt));
  }

  private static Optional<ContractErrors.DecodedError> replay(
      Web3j web3j, TransactionReceipt receipt) {
    try {
      var tx = web3j.ethGetTransactionByHash(receipt.getTransactionHash()).send().getTransaction();
      if (tx.isEmpty()) {
        return Optional.empty();
      }
      var t = tx.get();
      Transaction call =
          Transaction.createFunctionCallTransaction(
              t.getFrom(), null, null, t.getGas(), t.getTo(), t.getValue(), t.getInput());
      EthCall result =
          web3j.ethCall(call, DefaultBlockParameter.valueOf(receipt.getBlockNumber())).send();
      return RevertReasons.revertData(result).flatMap(ContractErrors.all()::decode);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static String explain(ContractErrors.DecodedError error) {
    return explain(error, "");
  }

  /** The error with a hint, {@code contract} (a deployment name, or empty) choosing among them. */
  public static String explain(ContractErrors.DecodedError error, String contract) {
    String hint = CONTRACT_HINTS.getOrDefault(contract, Map.of()).getOrDefault(error.name(), null);
    if (hint == null) {
      hint = HINTS.get(error.name());
    }
    return hint == null ? error.toString() : error + ": " + hint;
  }

  public static boolean isShortOfFunds(ContractErrors.DecodedError error) {
    return error.name().startsWith("ERC20Insufficient");
  }
}

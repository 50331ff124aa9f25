package org.openvpp.wallet.rewards;

import java.math.BigInteger;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * One owner's claim against one node's cumulative reward root, as a node hands it out (file or HTTP
 * API): the network it is for, the node, the owner, the cumulative amount in FLEX wei and the
 * OpenZeppelin Merkle proof of the leaf {@code (owner, cumulativeAmount)}.
 *
 * @param source where it came from (a file name or URL), for error messages
 */
public record ClaimProof(
    long chainId,
    String settlement,
    String node,
    String owner,
    BigInteger cumulativeAmount,
    List<byte[]> proof,
    String source) {

  public ClaimProof {
    proof = List.copyOf(proof);
  }

  /**
   * Writes {@code claims} as a claim-proof file (wallet-cli/README.md), replacing {@code file}:
   * what a node hands an owner, and what {@code rewards show/claim --file} reads back.
   */
  public static void write(java.nio.file.Path file, List<ClaimProof> claims)
      throws java.io.IOException {
    ClaimProofs.write(file, claims);
  }

  /** Reads a claim-proof file; a malformed one is a usage error naming the file. */
  public static List<ClaimProof> read(java.nio.file.Path file) {
    return ClaimProofs.read(file);
  }

  /** The proof as {@code 0x} hex words (JSON and display). */
  public List<String> proofHex() {
    return proof.stream().map(Numeric::toHexString).toList();
  }
}

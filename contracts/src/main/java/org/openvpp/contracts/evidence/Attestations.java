package org.openvpp.contracts.evidence;

import java.math.BigInteger;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.eip712.StructHasher;
import org.web3j.crypto.ECKeyPair;

/**
 * What a committee member signs to attest a submission: EIP-712 {@code Attestation(uint256
 * submissionId,bytes32 evidenceRoot,bytes32 rewardRoot)} in the domain {@code "OpenVPP Settlement"}
 * v1 of the Settlement contract, so a signature counts for one submission of one deployment on one
 * chain only.
 */
public final class Attestations {
  public static final String ATTESTATION_TYPE =
      "Attestation(uint256 submissionId,bytes32 evidenceRoot,bytes32 rewardRoot)";
  private static final byte[] TYPEHASH = Eip712.typeHash(ATTESTATION_TYPE);

  private final byte[] separator;

  public Attestations(BigInteger chainId, String settlement) {
    this.separator = new Eip712Domain("OpenVPP Settlement", "1", chainId, settlement).separator();
  }

  public byte[] digest(BigInteger submissionId, byte[] evidenceRoot, byte[] rewardRoot) {
    byte[] struct =
        new StructHasher(TYPEHASH, 3)
            .uint(submissionId)
            .bytes32(evidenceRoot)
            .bytes32(rewardRoot)
            .hash();
    return Eip712.digest(separator, struct);
  }

  public byte[] sign(
      BigInteger submissionId, byte[] evidenceRoot, byte[] rewardRoot, ECKeyPair attestor) {
    return Signatures.sign(digest(submissionId, evidenceRoot, rewardRoot), attestor);
  }
}

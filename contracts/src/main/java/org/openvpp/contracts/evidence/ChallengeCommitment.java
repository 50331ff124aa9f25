package org.openvpp.contracts.evidence;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.web3j.crypto.Hash;

/**
 * What a challenger commits to before revealing a challenge (FraudProofs.commitChallenge): {@code
 * keccak256(abi.encode(challenger, submissionId, evidenceHash, salt))}. The commitment names the
 * challenger, so a copy-bot that replays it or the reveal is never paid. The evidence hash of each
 * challenge kind is the one FraudProofs documents on the challenge function.
 */
public record ChallengeCommitment(
    String challenger, BigInteger submissionId, byte[] evidenceHash, byte[] salt) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A commitment with a fresh random salt. */
  public static ChallengeCommitment of(
      String challenger, BigInteger submissionId, byte[] evidenceHash) {
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    return new ChallengeCommitment(challenger, submissionId, evidenceHash, salt);
  }

  /** Evidence hash of a single-leaf challenge: the leaf's StandardMerkleTree hash. */
  public static byte[] leafHash(EvidenceLeaf leaf) {
    return StandardMerkleTree.leafHash(leaf.abiEncoded());
  }

  /** Evidence hash of a duplicate-device challenge. */
  public static byte[] duplicateHash(EvidenceLeaf a, EvidenceLeaf b) {
    return Hash.sha3(concat(List.of(leafHash(a), leafHash(b))));
  }

  /** Evidence hash of an overlapping-claim challenge against {@code otherId}. */
  public static byte[] overlapHash(BigInteger otherId, EvidenceLeaf leaf, EvidenceLeaf otherLeaf) {
    return Hash.sha3(
        concat(List.of(AbiWords.uint256(otherId), leafHash(leaf), leafHash(otherLeaf))));
  }

  /** The 32-byte commitment to send to commitChallenge. */
  public byte[] commitment() {
    return Hash.sha3(
        concat(
            List.of(
                AbiWords.address(challenger),
                AbiWords.uint256(submissionId),
                AbiWords.bytes32(evidenceHash),
                AbiWords.bytes32(salt))));
  }

  private static byte[] concat(List<byte[]> words) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    words.forEach(out::writeBytes);
    return out.toByteArray();
  }
}

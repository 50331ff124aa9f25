package org.openvpp.contracts.token;

import java.math.BigInteger;
import java.util.Arrays;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.eip712.Eip712;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.eip712.StructHasher;
import org.web3j.crypto.ECKeyPair;

/**
 * An ERC-2612 permit for FLEX: lets {@code spender} move {@code value} of the owner's tokens
 * without an approve transaction. {@code nonce} is the token's {@code nonces(owner)}; {@code
 * deadline} is a chain timestamp in seconds.
 */
public record FlexPermit(
    String owner, String spender, BigInteger value, BigInteger nonce, BigInteger deadline) {
  private static final byte[] TYPEHASH =
      Eip712.typeHash(
          "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

  public FlexPermit {
    owner = AbiWords.checkAddress(owner);
    spender = AbiWords.checkAddress(spender);
  }

  /** FlexToken's EIP-712 domain (ERC20Permit uses the token name and version "1"). */
  public static Eip712Domain domain(long chainId, String flexToken) {
    return new Eip712Domain("Flex Token", "1", chainId, flexToken);
  }

  public byte[] digest(Eip712Domain tokenDomain) {
    byte[] struct =
        new StructHasher(TYPEHASH, 5)
            .address(owner)
            .address(spender)
            .uint(value)
            .uint(nonce)
            .uint(deadline)
            .hash();
    return Eip712.digest(tokenDomain, struct);
  }

  /** Signs the permit as the owner: the (v, r, s) that {@code FlexToken.permit} takes. */
  public Signed sign(Eip712Domain tokenDomain, ECKeyPair ownerKey) {
    byte[] sig = Signatures.sign(digest(tokenDomain), ownerKey);
    return new Signed(
        BigInteger.valueOf(sig[64]),
        Arrays.copyOfRange(sig, 0, 32),
        Arrays.copyOfRange(sig, 32, 64));
  }

  /** The split signature, in the argument order of {@code permit}. */
  public record Signed(BigInteger v, byte[] r, byte[] s) {}
}

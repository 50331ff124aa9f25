package org.openvpp.node.keys;

import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.web3j.crypto.Credentials;

/**
 * The node's two keys, unlocked: the chain key (secp256k1: transactions, EIP-712 signatures to
 * devices) and the libp2p identity (Ed25519: the peer id). {@link #toString()} shows only the
 * public parts, so a key never reaches a log by accident.
 */
public record NodeKeys(Credentials chain, PrivateKey p2pIdentity) {
  public String chainAddress() {
    return chain.getAddress();
  }

  public PeerId peerId() {
    return PeerId.fromPublicKey(p2pIdentity.publicKey());
  }

  @Override
  public String toString() {
    return "NodeKeys[chain=" + chainAddress() + ", peerId=" + peerId().toBase58() + "]";
  }
}

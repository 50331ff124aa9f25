package org.openvpp.node.p2p;

/** Why the host closed, reset or penalized something a peer sent. Counted in {@link P2pMetrics}. */
public enum RejectReason {
  /** Bytes that are not multistream-select where it was expected. */
  MULTISTREAM_GARBAGE,
  /** A peer proposed only protocols we do not serve (answered with "na"). */
  PROTOCOL_UNSUPPORTED,
  /** A negotiation, handshake or request did not finish in time. */
  TIMEOUT,
  /** A Noise handshake message was malformed or failed to decrypt. */
  NOISE_HANDSHAKE_FAILED,
  /** The libp2p payload signature over the Noise static key did not verify. */
  NOISE_BAD_SIGNATURE,
  /** The authenticated peer id is not the one we dialed. */
  NOISE_PEER_ID_MISMATCH,
  /** A Noise transport frame failed authentication. */
  NOISE_DECRYPT_FAILED,
  /** A Yamux frame broke the protocol (bad version, type, unknown stream, window overrun). */
  YAMUX_PROTOCOL_ERROR,
  /** A peer opened more streams at once than allowed. */
  STREAM_FLOOD,
  /** A length-prefixed message exceeded its protocol's limit. */
  OVERSIZE_MESSAGE,
  /** A message could not be decoded. */
  MALFORMED_MESSAGE,
  /** Identify carried a public key that does not match the connection's peer id. */
  IDENTIFY_KEY_MISMATCH,
  /** A gossip message whose signature, author or seqno failed StrictSign validation. */
  GOSSIP_INVALID_SIGNATURE,
  /** A peer exceeded its gossip message rate. */
  GOSSIP_RATE_LIMITED,
  /** A gossip RPC ignored whole because its sender's score is below the graylist threshold. */
  GOSSIP_GRAYLISTED,
  /** A connection refused because the host is at its connection limit. */
  CONNECTION_LIMIT
}

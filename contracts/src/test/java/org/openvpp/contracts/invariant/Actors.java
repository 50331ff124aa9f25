package org.openvpp.contracts.invariant;

import java.util.List;
import java.util.Locale;
import org.openvpp.contracts.settlement.SettlementWorld;
import org.web3j.crypto.Credentials;

/**
 * Who takes part in the walk, on the accounts of the settlement world: three honest nodes, one
 * fraudster that inflates its evidence, one node that wins (bidding everything at the lowest price)
 * and never delivers; an honest and a greedy requester (the greedy one withdraws twice); an honest
 * challenger; two honest owners and the fraudster's accomplice owner.
 */
final class Actors {
  /** How a node behaves. */
  enum Role {
    /** Bids, reveals, delivers truthfully with device-signed readings, signs only honest roots. */
    HONEST,
    /** Delivers, but claims more than its readings show; signs fraudulent roots; escapes stake. */
    FRAUDSTER,
    /** Bids the whole request at 1 wei, never delivers; signs fraudulent roots. */
    NO_SHOW
  }

  /** A node with its single device (none for the no-show) and the device's owner. */
  record Node(int index, Credentials key, Role role, Credentials device, String owner) {
    String address() {
      return key.getAddress();
    }

    boolean honest() {
      return role == Role.HONEST;
    }

    @Override
    public String toString() {
      return "node" + index + "(" + role.name().toLowerCase(Locale.ROOT) + ")";
    }
  }

  // Fixed keys, so owners are the same addresses in every run.
  static final Credentials OWNER_A_KEY = Credentials.create("0x" + "a1".repeat(32));
  static final Credentials OWNER_B_KEY = Credentials.create("0x" + "b2".repeat(32));
  static final Credentials ACCOMPLICE_KEY = Credentials.create("0x" + "c3".repeat(32));
  static final String OWNER_A = OWNER_A_KEY.getAddress().toLowerCase(Locale.ROOT);
  static final String OWNER_B = OWNER_B_KEY.getAddress().toLowerCase(Locale.ROOT);
  static final String ACCOMPLICE = ACCOMPLICE_KEY.getAddress().toLowerCase(Locale.ROOT);
  static final List<String> OWNERS = List.of(OWNER_A, OWNER_B, ACCOMPLICE);

  final List<Node> nodes;
  final Credentials requester;
  final Credentials greedyRequester;
  final Credentials challenger;
  final Credentials admin;

  Actors(SettlementWorld w) {
    List<Credentials> n = w.nodes;
    List<Credentials> d = w.devices;
    this.nodes =
        List.of(
            new Node(0, n.get(0), Role.HONEST, d.get(0), OWNER_A),
            new Node(1, n.get(1), Role.HONEST, d.get(1), OWNER_A),
            new Node(2, n.get(2), Role.HONEST, d.get(2), OWNER_B),
            new Node(3, n.get(3), Role.FRAUDSTER, d.get(3), ACCOMPLICE),
            new Node(4, n.get(4), Role.NO_SHOW, null, null));
    this.requester = w.requester;
    this.greedyRequester = w.chain.account(8);
    this.challenger = w.challenger;
    this.admin = w.chain.admin();
  }

  /** The key of an owner address (they sign the device bindings at set-up). */
  static Credentials ownerKey(String owner) {
    return List.of(OWNER_A_KEY, OWNER_B_KEY, ACCOMPLICE_KEY).stream()
        .filter(k -> k.getAddress().equalsIgnoreCase(owner))
        .findFirst()
        .orElseThrow();
  }

  Node node(int choice) {
    return nodes.get(choice % nodes.size());
  }

  Node nodeAt(String address) {
    return nodes.stream()
        .filter(n -> n.address().equalsIgnoreCase(address))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a node: " + address));
  }

  Credentials requester(int choice) {
    return choice % 2 == 0 ? requester : greedyRequester;
  }

  String name(String address) {
    for (Node n : nodes) {
      if (n.address().equalsIgnoreCase(address)) {
        return n.toString();
      }
    }
    if (requester.getAddress().equalsIgnoreCase(address)) {
      return "requester";
    }
    if (greedyRequester.getAddress().equalsIgnoreCase(address)) {
      return "greedy requester";
    }
    if (challenger.getAddress().equalsIgnoreCase(address)) {
      return "challenger";
    }
    if (OWNER_A.equalsIgnoreCase(address)) {
      return "owner A";
    }
    if (OWNER_B.equalsIgnoreCase(address)) {
      return "owner B";
    }
    if (ACCOMPLICE.equalsIgnoreCase(address)) {
      return "accomplice owner";
    }
    return address;
  }
}

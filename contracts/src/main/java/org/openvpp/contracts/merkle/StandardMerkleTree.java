package org.openvpp.contracts.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * OpenZeppelin's StandardMerkleTree in Java, byte for byte: leaves are {@code
 * keccak256(keccak256(abi.encode(values)))}, sorted; pairs are hashed sorted; the tree is the same
 * array layout, so roots and proofs match {@code @openzeppelin/merkle-tree} and verify with {@code
 * MerkleProof.verify} on-chain. Callers pass each value's abi.encode bytes.
 */
public final class StandardMerkleTree {
  private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

  private final byte[][] tree;
  private final int[] treeIndexOfValue;

  private StandardMerkleTree(byte[][] tree, int[] treeIndexOfValue) {
    this.tree = tree;
    this.treeIndexOfValue = treeIndexOfValue;
  }

  /** Builds the tree over values given as their abi.encode bytes, in caller order. */
  public static StandardMerkleTree of(List<byte[]> abiEncodedValues) {
    int n = abiEncodedValues.size();
    if (n == 0) {
      throw new IllegalArgumentException("a Merkle tree needs at least one value");
    }
    List<Integer> order = new ArrayList<>(n);
    byte[][] leaves = new byte[n][];
    for (int i = 0; i < n; i++) {
      leaves[i] = leafHash(abiEncodedValues.get(i));
      order.add(i);
    }
    order.sort((a, b) -> UNSIGNED.compare(leaves[a], leaves[b]));
    byte[][] tree = new byte[2 * n - 1][];
    int[] treeIndexOfValue = new int[n];
    for (int sorted = 0; sorted < n; sorted++) {
      int treeIndex = tree.length - 1 - sorted;
      tree[treeIndex] = leaves[order.get(sorted)];
      treeIndexOfValue[order.get(sorted)] = treeIndex;
    }
    for (int i = tree.length - 1 - n; i >= 0; i--) {
      tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
    }
    return new StandardMerkleTree(tree, treeIndexOfValue);
  }

  /**
   * keccak256(bytes.concat(keccak256(abi.encode(values)))): the double hash that rules out
   * second-preimage tricks.
   */
  public static byte[] leafHash(byte[] abiEncodedValue) {
    return Hash.sha3(Hash.sha3(abiEncodedValue));
  }

  public byte[] root() {
    return tree[0].clone();
  }

  public int size() {
    return treeIndexOfValue.length;
  }

  /** The proof of the value at {@code valueIndex} (caller order), leaf to root. */
  public List<byte[]> proof(int valueIndex) {
    List<byte[]> proof = new ArrayList<>();
    for (int i = treeIndexOfValue[valueIndex]; i > 0; i = (i - 1) / 2) {
      int sibling = i % 2 == 1 ? i + 1 : i - 1;
      proof.add(tree[sibling].clone());
    }
    return proof;
  }

  /** What {@code MerkleProof.verify(proof, root, leaf)} computes on-chain. */
  public static boolean verify(byte[] root, byte[] leaf, List<byte[]> proof) {
    byte[] computed = leaf;
    for (byte[] sibling : proof) {
      computed = hashPair(computed, sibling);
    }
    return Arrays.equals(computed, root);
  }

  private static byte[] hashPair(byte[] a, byte[] b) {
    byte[] pair = new byte[64];
    boolean aFirst = UNSIGNED.compare(a, b) <= 0;
    System.arraycopy(aFirst ? a : b, 0, pair, 0, 32);
    System.arraycopy(aFirst ? b : a, 0, pair, 32, 32);
    return Hash.sha3(pair);
  }
}

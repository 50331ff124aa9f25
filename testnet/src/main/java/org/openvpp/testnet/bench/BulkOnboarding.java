package org.openvpp.testnet.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Onboards a whole production batch the way an OEM and its customers would: one root, then one
 * registration per device (each with its own proof), each mined in its own block.
 */
final class BulkOnboarding {
  private static final SecureRandom RANDOM = new SecureRandom();

  record Result(int devices, long rootGas, long registrationTotal, long registrationMax) {
    long total() {
      return rootGas + registrationTotal;
    }

    long perDevice() {
      return Math.round((double) total() / devices);
    }

    long registrationAverage() {
      return Math.round((double) registrationTotal / devices);
    }
  }

  private BulkOnboarding() {}

  static Result run(
      Web3j web3j,
      DeviceRegistry asOem,
      Credentials submitter,
      long chainId,
      long modelId,
      long batchId,
      int devices,
      IntConsumer progress)
      throws Exception {
    List<DeviceCertificate> certs = new ArrayList<>(devices);
    for (int i = 0; i < devices; i++) {
      certs.add(randomCertificate(modelId));
    }
    StandardMerkleTree tree =
        StandardMerkleTree.of(certs.stream().map(DeviceCertificate::abiEncoded).toList());
    TransactionReceipt root =
        asOem
            .publishBatch(BigInteger.valueOf(modelId), tree.root(), BigInteger.valueOf(devices))
            .send();
    // Nonces are assigned here, not fetched per transaction: thousands of sends in a row must
    // not race the node's view of the pending nonce.
    BigInteger nonce =
        web3j
            .ethGetTransactionCount(submitter.getAddress(), DefaultBlockParameterName.PENDING)
            .send()
            .getTransactionCount();
    long total = 0;
    long max = 0;
    for (int i = 0; i < devices; i++) {
      Function call =
          new Function(
              DeviceRegistry.FUNC_REGISTERFROMBATCH,
              List.of(
                  new org.web3j.abi.datatypes.generated.Uint32(batchId),
                  certs.get(i).toContractStruct(),
                  new org.web3j.abi.datatypes.DynamicArray<>(
                      org.web3j.abi.datatypes.generated.Bytes32.class,
                      tree.proof(i).stream()
                          .map(org.web3j.abi.datatypes.generated.Bytes32::new)
                          .toList())),
              List.of());
      RawTransaction tx =
          RawTransaction.createTransaction(
              nonce.add(BigInteger.valueOf(i)),
              Transactions.GAS_PRICE,
              BigInteger.valueOf(400_000),
              asOem.getContractAddress(),
              FunctionEncoder.encode(call));
      String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, submitter));
      var sent = web3j.ethSendRawTransaction(signed).send();
      if (sent.hasError()) {
        throw new IllegalStateException("registration " + i + ": " + sent.getError().getMessage());
      }
      // One transaction per block, receipt read at once: bursts fill blocks, raise the EIP-1559
      // base fee above our gas price and leave transactions stuck in the pool.
      long gas = registrationGas(web3j, sent.getTransactionHash());
      total += gas;
      max = Math.max(max, gas);
      if ((i + 1) % 500 == 0) {
        progress.accept(i + 1);
      }
    }
    return new Result(devices, GasLedger.gas(root), total, max);
  }

  private static long registrationGas(Web3j web3j, String hash)
      throws IOException, InterruptedException {
    TransactionReceipt r = receipt(web3j, hash);
    if (!r.isStatusOK()) {
      throw new IllegalStateException("registration reverted: " + hash);
    }
    return GasLedger.gas(r);
  }

  private static TransactionReceipt receipt(Web3j web3j, String hash)
      throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 10_000; attempt++) {
      Optional<TransactionReceipt> r =
          web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      if (r.isPresent()) {
        return r.get();
      }
      Thread.sleep(1);
    }
    var tx = web3j.ethGetTransactionByHash(hash).send().getTransaction();
    throw new IllegalStateException(
        "no receipt for "
            + hash
            + (tx.isPresent()
                ? " (pending, nonce " + tx.get().getNonce() + ")"
                : " (unknown to the node)"));
  }

  private static DeviceCertificate randomCertificate(long modelId) {
    byte[] address = new byte[20];
    byte[] serial = new byte[32];
    RANDOM.nextBytes(address);
    RANDOM.nextBytes(serial);
    return new DeviceCertificate(
        Numeric.toHexString(address),
        KeyType.SECP256K1,
        modelId,
        7_000,
        0,
        DeviceClass.EV_CHARGER,
        serial);
  }
}

package org.openvpp.wallet.chain;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.WalletException;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The network a command talks to: a JSON-RPC endpoint checked against a deployment file before
 * anything is read or sent (same chain id, contracts present), so a wallet pointed at the wrong
 * network fails with exit code 5 instead of sending transactions into the void.
 */
public final class Chain implements AutoCloseable {
  /** Logs are fetched in windows of this many blocks: public endpoints cap eth_getLogs ranges. */
  private static final long LOG_WINDOW = 50_000;

  private final Web3j web3j;
  private final Rpc rpc;
  private final Deployment deployment;
  private final Path deploymentFile;

  private Chain(Web3j web3j, Rpc rpc, Deployment deployment, Path deploymentFile) {
    this.web3j = web3j;
    this.rpc = rpc;
    this.deployment = deployment;
    this.deploymentFile = deploymentFile;
  }

  public static Chain connect(String rpcUrl, Path deploymentFile) {
    Deployment deployment = readDeployment(deploymentFile);
    Web3j web3j = Web3j.build(new HttpService(checkUrl(rpcUrl)));
    Chain chain = new Chain(web3j, new Rpc(rpcUrl), deployment, deploymentFile);
    try {
      chain.verifyNetwork(rpcUrl);
    } catch (RuntimeException e) {
      web3j.shutdown();
      throw e;
    }
    return chain;
  }

  private static String checkUrl(String url) {
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw WalletException.usage(
        "malformed RPC URL '" + url + "': give http://HOST:PORT, e.g. " + "http://127.0.0.1:8545");
  }

  private static Deployment readDeployment(Path file) {
    if (!Files.isRegularFile(file)) {
      throw WalletException.usage(
          "deployment file "
              + file
              + " does not exist: `./vpp testnet` prints where it wrote one (--deployment FILE)");
    }
    try {
      Deployment d = Deployment.read(file);
      d.flexToken();
      d.deviceRegistry();
      d.nodeRegistry();
      return d;
    } catch (RuntimeException e) {
      throw WalletException.usage(
          "cannot use deployment file " + file + ": " + e.getMessage().lines().findFirst().get());
    }
  }

  private void verifyNetwork(String rpcUrl) {
    BigInteger id = rpc.call(() -> web3j.ethChainId().send().getChainId());
    if (id == null || id.longValue() != deployment.chainId()) {
      throw new WalletException(
          ExitCode.WRONG_NETWORK,
          "wrong network: "
              + rpcUrl
              + " has chain id "
              + id
              + " but "
              + deploymentFile
              + " is for chain id "
              + deployment.chainId()
              + ": use that network's RPC (--rpc) or its deployment file (--deployment)");
    }
    String code =
        rpc.call(
            () ->
                web3j
                    .ethGetCode(deployment.deviceRegistry(), DefaultBlockParameterName.LATEST)
                    .send()
                    .getCode());
    if (code == null || code.equals("0x") || code.isEmpty()) {
      throw new WalletException(
          ExitCode.WRONG_NETWORK,
          "no DeviceRegistry at "
              + deployment.deviceRegistry()
              + " on "
              + rpcUrl
              + ": "
              + deploymentFile
              + " belongs to another chain (a restarted testnet writes a new one)");
    }
  }

  public Web3j web3j() {
    return web3j;
  }

  public Deployment deployment() {
    return deployment;
  }

  public long chainId() {
    return deployment.chainId();
  }

  /** Runs a read; transport failures become exit code 4. */
  public <T> T read(Callable<T> call) {
    return rpc.call(call);
  }

  public FlexToken token() {
    return FlexToken.load(deployment.flexToken(), web3j, reader(), Transactions.gas());
  }

  public DeviceRegistry devices() {
    return DeviceRegistry.load(deployment.deviceRegistry(), web3j, reader(), Transactions.gas());
  }

  public NodeRegistry nodes() {
    return NodeRegistry.load(deployment.nodeRegistry(), web3j, reader(), Transactions.gas());
  }

  public FlexibilityCoordinator coordinator() {
    return FlexibilityCoordinator.load(
        contract(Deployment.FLEXIBILITY_COORDINATOR), web3j, reader(), Transactions.gas());
  }

  public Settlement settlement() {
    return Settlement.load(contract(Deployment.SETTLEMENT), web3j, reader(), Transactions.gas());
  }

  /**
   * A contract of the deployment; a deployment file written before the market contracts existed
   * names none, which is a usage error rather than a crash.
   */
  public String contract(String name) {
    String address = deployment.contracts().get(name);
    if (address == null) {
      throw WalletException.usage(
          deploymentFile
              + " has no "
              + name
              + ": it predates the market contracts; use a current deployment file");
    }
    return address;
  }

  /** The deployment's name for the contract at {@code address}, or empty if it is none of them. */
  public String contractName(String address) {
    return deployment.contracts().entrySet().stream()
        .filter(e -> e.getValue().equalsIgnoreCase(address))
        .map(java.util.Map.Entry::getKey)
        .findFirst()
        .orElse("");
  }

  /** An address as an indexed event topic (left-padded to 32 bytes). */
  public static String topic(String address) {
    return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address), 64);
  }

  /** A uint256 as an indexed event topic. */
  public static String topic(BigInteger value) {
    return Numeric.toHexStringWithPrefixZeroPadded(value, 64);
  }

  public BigInteger ethBalance(String address) {
    return read(
        () -> web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance());
  }

  /** Timestamp of the latest block, in seconds: contracts compare against it, not our clock. */
  public long latestTimestamp() {
    return read(
        () ->
            web3j
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact());
  }

  /**
   * Logs of {@code event} emitted by {@code contract} since the deployment block, filtered by
   * indexed topics (null = any), oldest first.
   */
  public List<Log> logs(String contract, Event event, String... topics) {
    long latest = read(() -> web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
    List<Log> out = new ArrayList<>();
    for (long from = deployment.deployBlock(); from <= latest; from += LOG_WINDOW) {
      long to = Math.min(latest, from + LOG_WINDOW - 1);
      EthFilter filter =
          new EthFilter(
              DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
              DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
              contract);
      filter.addSingleTopic(EventEncoder.encode(event));
      for (String topic : topics) {
        if (topic == null) {
          filter.addNullTopic();
        } else {
          filter.addSingleTopic(topic);
        }
      }
      EthLog result = read(() -> web3j.ethGetLogs(filter).send());
      if (result.hasError()) {
        throw new WalletException(
            ExitCode.RPC_UNREACHABLE, "eth_getLogs failed: " + result.getError().getMessage());
      }
      for (EthLog.LogResult<?> r : result.getLogs()) {
        out.add((Log) r.get());
      }
    }
    return out;
  }

  private ReadonlyTransactionManager reader() {
    return new ReadonlyTransactionManager(web3j, deployment.deployer());
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}

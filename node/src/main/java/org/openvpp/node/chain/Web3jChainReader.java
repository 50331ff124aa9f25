package org.openvpp.node.chain;

import static org.openvpp.node.chain.JsonRpc.call;
import static org.openvpp.node.chain.JsonRpc.ok;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** {@link ChainReader} over Web3j's JSON-RPC client. */
public final class Web3jChainReader implements ChainReader {
  private final Web3j web3j;

  public Web3jChainReader(Web3j web3j) {
    this.web3j = web3j;
  }

  @Override
  public long headNumber() {
    return JsonRpc.headNumber(web3j);
  }

  @Override
  public Optional<BlockHeader> header(long number) {
    EthBlock response =
        ok(
            call(
                () ->
                    web3j
                        .ethGetBlockByNumber(
                            DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                        .send()),
            "eth_getBlockByNumber");
    EthBlock.Block block = response.getBlock();
    if (block == null) {
      return Optional.empty();
    }
    return Optional.of(
        new BlockHeader(
            block.getNumber().longValueExact(),
            lower(block.getHash()),
            lower(block.getParentHash())));
  }

  @Override
  public List<Log> logs(String blockHash, List<String> contracts) {
    // Web3j's block-hash filter takes one address at most: ask for the block, keep ours.
    Set<String> wanted = new HashSet<>();
    contracts.forEach(c -> wanted.add(lower(c)));
    List<Log> ours = new ArrayList<>();
    for (Log log : fetch(new EthFilter(blockHash))) {
      if (wanted.contains(lower(log.getAddress()))) {
        ours.add(log);
      }
    }
    return ours;
  }

  @Override
  public List<Log> logs(long fromBlock, long toBlock, List<String> contracts) {
    return fetch(
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)),
            contracts));
  }

  private List<Log> fetch(EthFilter filter) {
    EthLog response = ok(call(() -> web3j.ethGetLogs(filter).send()), "eth_getLogs");
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      if (!(result.get() instanceof Log log)) {
        throw new ChainUnavailableException("eth_getLogs answered without log objects");
      }
      logs.add(log);
    }
    return logs;
  }

  private static String lower(String hex) {
    return hex.toLowerCase(Locale.ROOT);
  }
}

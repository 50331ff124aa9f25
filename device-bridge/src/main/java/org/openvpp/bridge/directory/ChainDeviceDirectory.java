package org.openvpp.bridge.directory;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.Assurance;
import org.openvpp.contracts.identity.DeviceClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The DeviceRegistry contract as a {@link DeviceDirectory}, with a cache: a found device is re-read
 * after {@code ttlMs} (so a revocation takes effect within that time), an unknown one after a tenth
 * of it. Lookups block on JSON-RPC on a cache miss: call from worker threads only. A revocation
 * reported by the chain follower ({@link #revoked}) applies at once and overrides the cache.
 */
public final class ChainDeviceDirectory implements DeviceDirectory, DeviceRevocations {
  private static final Logger LOG = LoggerFactory.getLogger(ChainDeviceDirectory.class);
  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  private final DeviceRegistry registry;
  private final Clock clock;
  private final long ttlMs;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  // Revocation is final on-chain (only a reorganization takes it back), so the set only grows by
  // the number of revoked devices.
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();

  public ChainDeviceDirectory(Web3j web3j, String registryAddress, Clock clock, long ttlMs) {
    this.registry =
        DeviceRegistry.load(
            registryAddress,
            web3j,
            new ReadonlyTransactionManager(web3j, ZERO),
            new DefaultGasProvider());
    this.clock = clock;
    this.ttlMs = ttlMs;
  }

  public static ChainDeviceDirectory connect(String rpcUrl, String registryAddress) {
    return new ChainDeviceDirectory(
        Web3j.build(new HttpService(rpcUrl)), registryAddress, Clock.systemUTC(), 60_000);
  }

  @Override
  public Optional<RegisteredDevice> find(String address) {
    String key = address.toLowerCase(Locale.ROOT);
    Optional<RegisteredDevice> found = cachedOrFetched(key);
    return revoked.contains(key) ? found.map(ChainDeviceDirectory::asRevoked) : found;
  }

  private Optional<RegisteredDevice> cachedOrFetched(String key) {
    long now = clock.millis();
    Entry e = cache.get(key);
    if (e != null && now < e.expiresAtMs()) {
      return e.device();
    }
    Optional<RegisteredDevice> fresh = fetch(key);
    long ttl = fresh.isPresent() ? ttlMs : Math.max(1, ttlMs / 10);
    cache.put(key, new Entry(fresh, now + ttl));
    return fresh;
  }

  /** Forgets a cached entry (after a DeviceRevoked event, for example). */
  public void invalidate(String address) {
    cache.remove(address.toLowerCase(Locale.ROOT));
  }

  @Override
  public void revoked(String address) {
    revoked.add(address.toLowerCase(Locale.ROOT));
  }

  @Override
  public void revocationUndone(String address) {
    revoked.remove(address.toLowerCase(Locale.ROOT));
    invalidate(address);
  }

  private static RegisteredDevice asRevoked(RegisteredDevice d) {
    return new RegisteredDevice(
        d.address(),
        DeviceStatus.REVOKED,
        d.deviceClass(),
        d.modelId(),
        d.ratedPowerW(),
        d.capacityWh(),
        d.owner(),
        d.gateway(),
        d.assurance());
  }

  private Optional<RegisteredDevice> fetch(String address) {
    try {
      DeviceRegistry.Device d = registry.getDevice(address).send();
      DeviceStatus status = DeviceStatus.values()[d.status.intValueExact()];
      if (status == DeviceStatus.UNKNOWN) {
        return Optional.empty();
      }
      String gateway = registry.gatewayOf(address).send().toLowerCase(Locale.ROOT);
      return Optional.of(
          new RegisteredDevice(
              address,
              status,
              DeviceClass.fromOrdinal(d.deviceClass.intValueExact()),
              d.modelId.longValueExact(),
              d.ratedPowerW.longValueExact(),
              d.capacityWh.longValueExact(),
              d.owner.toLowerCase(Locale.ROOT),
              gateway,
              gateway.equals(RegisteredDevice.NO_GATEWAY)
                  ? Assurance.DEVICE_SIGNED
                  : Assurance.GATEWAY_SIGNED));
    } catch (Exception e) { // Web3j's send() throws Exception
      LOG.warn("DeviceRegistry lookup of {} failed: {}", address, e.toString());
      Entry stale = cache.get(address);
      return stale == null ? Optional.empty() : stale.device();
    }
  }

  private record Entry(Optional<RegisteredDevice> device, long expiresAtMs) {}
}

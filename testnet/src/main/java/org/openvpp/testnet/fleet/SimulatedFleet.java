package org.openvpp.testnet.fleet;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.bridge.sim.DevicePhysics;
import org.openvpp.bridge.sim.EvCharger;
import org.openvpp.bridge.sim.HeatPump;
import org.openvpp.bridge.sim.HomeBattery;
import org.openvpp.bridge.sim.PvInverter;
import org.openvpp.bridge.sim.SimulatedDevice;
import org.openvpp.bridge.sim.TelecomSiteBattery;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.RegistryDomain;
import org.openvpp.contracts.tx.Transactions;
import org.openvpp.testnet.LocalTestnet;
import org.openvpp.testnet.TestnetAccounts;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Simulated devices for a node under test: an even mix of the five classes, each certified by the
 * testnet's OEM and registered on-chain once, then run as real MQTT clients against whichever node
 * is measured.
 */
public final class SimulatedFleet {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SimulatedFleet.class);

  /** One device: its key and what it is. */
  public record Member(ECKeyPair key, DeviceClass deviceClass, long ratedW, long capacityWh) {}

  /** The classes a device simulator exists for (a gateway is not a device that delivers). */
  private static final List<DeviceClass> SIMULATED =
      List.of(
          DeviceClass.HOME_BATTERY,
          DeviceClass.EV_CHARGER,
          DeviceClass.PV_INVERTER,
          DeviceClass.HEAT_PUMP,
          DeviceClass.TELECOM_SITE_BATTERY);

  private final List<Member> members;
  private final TypedData typedData;

  private SimulatedFleet(List<Member> members, TypedData typedData) {
    this.members = List.copyOf(members);
    this.typedData = typedData;
  }

  public int size() {
    return members.size();
  }

  /** Registers {@code count} devices on the testnet (one model per class, owner-submitted). */
  public static SimulatedFleet register(LocalTestnet net, int count) throws Exception {
    Credentials oem = TestnetAccounts.OEM.credentials(net.chain());
    Credentials owner = TestnetAccounts.OWNER.credentials(net.chain());
    DeviceRegistry asOem = registry(net, oem);
    DeviceRegistry asOwner = registry(net, owner);
    Eip712Domain domain =
        RegistryDomain.of(net.chain().chainId(), net.deployment().deviceRegistry());
    java.util.Map<DeviceClass, Long> models = new java.util.EnumMap<>(DeviceClass.class);
    for (DeviceClass c : SIMULATED) {
      var receipt =
          asOem
              .registerModel(
                  BigInteger.valueOf(c.ordinal()),
                  BigInteger.valueOf(ratedW(c)),
                  BigInteger.valueOf(capacityWh(c)),
                  "simulated " + c.name().toLowerCase(java.util.Locale.ROOT))
              .send();
      models.put(
          c, DeviceRegistry.getModelRegisteredEvents(receipt).get(0).modelId.longValueExact());
    }
    List<Member> members = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      DeviceClass c = SIMULATED.get(i % SIMULATED.size());
      ECKeyPair key = Keys.createEcKeyPair();
      DeviceCertificate cert =
          DeviceCertificate.withRandomSerial(
              Credentials.create(key).getAddress(), models.get(c), c, ratedW(c), capacityWh(c));
      asOwner
          .registerDevice(
              cert.toContractStruct(), Signatures.sign(cert.digest(domain), oem.getEcKeyPair()))
          .send();
      members.add(new Member(key, c, ratedW(c), capacityWh(c)));
    }
    TypedData typed =
        new TypedData(BigInteger.valueOf(net.chain().chainId()), net.deployment().deviceRegistry());
    return new SimulatedFleet(members, typed);
  }

  /**
   * Every device connected to {@code brokerUrl} (16 at a time: each connect waits for its
   * subscriptions), then a reading from each at once and every {@code periodMs}.
   */
  public Running connect(String brokerUrl, String nodeAddress, long periodMs) {
    List<SimulatedDevice> devices = new ArrayList<>(members.size());
    for (Member m : members) {
      devices.add(
          new SimulatedDevice(
              brokerUrl,
              physics(m),
              new Signer(typedData, m.key()),
              typedData,
              nodeAddress,
              Clock.systemUTC()));
    }
    Running running = new Running(devices);
    java.util.concurrent.ExecutorService connecting = Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<SimulatedDevice>> started = new ArrayList<>();
      for (SimulatedDevice d : devices) {
        started.add(connecting.submit(d::start));
      }
      for (java.util.concurrent.Future<SimulatedDevice> f : started) {
        f.get(60, TimeUnit.SECONDS);
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      running.close();
      throw new IllegalStateException("a simulated device did not connect: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.close();
      throw new IllegalStateException("interrupted while connecting devices", e);
    } finally {
      connecting.shutdownNow();
    }
    running.ticker.scheduleAtFixedRate(running::tick, 0, periodMs, TimeUnit.MILLISECONDS);
    return running;
  }

  /** The connected devices and the loop that ticks them; {@link #close} disconnects them all. */
  public static final class Running implements AutoCloseable {
    private final List<SimulatedDevice> devices;
    private final java.util.concurrent.atomic.AtomicLong failedTicks =
        new java.util.concurrent.atomic.AtomicLong();
    private final ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "simulated-fleet");
              t.setDaemon(true);
              return t;
            });

    private Running(List<SimulatedDevice> devices) {
      this.devices = devices;
    }

    /** The connected devices, in registration order. */
    public List<SimulatedDevice> devices() {
      return devices;
    }

    /**
     * One reading from every device. A device that fails is counted and the others go on: an
     * exception escaping a scheduled task would silently cancel every later tick.
     */
    private void tick() {
      for (SimulatedDevice d : devices) {
        try {
          d.tick();
        } catch (RuntimeException e) {
          if (failedTicks.getAndIncrement() == 0) {
            LOG.warn("simulated device {} failed a tick: {}", d.address(), e.toString());
          }
        }
      }
    }

    /** Ticks that threw, over all devices. */
    public long failedTicks() {
      return failedTicks.get();
    }

    /** Fails the run when a device lost its connection during the idle period. */
    public void requireAllConnected() {
      long down = devices.stream().filter(d -> !d.connected()).count();
      if (down > 0 || failedTicks.get() > 0) {
        throw new IllegalStateException(
            down
                + " simulated devices lost their connection, "
                + failedTicks.get()
                + " device ticks failed");
      }
    }

    @Override
    public void close() {
      ticker.shutdownNow();
      devices.forEach(SimulatedDevice::close);
    }
  }

  /** The devices' keys and classes, in registration order. */
  public java.util.List<Member> members() {
    return members;
  }

  private static DevicePhysics physics(Member m) {
    long now = System.currentTimeMillis();
    return switch (m.deviceClass()) {
      case HOME_BATTERY -> new HomeBattery(m.capacityWh(), m.ratedW(), m.ratedW(), 0.9, 100, 600);
      case EV_CHARGER -> new EvCharger(m.ratedW(), false, now, now + 8 * 3_600_000L, 20_000);
      case PV_INVERTER -> new PvInverter(m.ratedW(), 0, 24);
      case HEAT_PUMP -> new HeatPump(m.ratedW(), 3.5, 5_000, 150, 5, 19, 23, 21);
      case TELECOM_SITE_BATTERY ->
          new TelecomSiteBattery(m.capacityWh(), m.ratedW(), 1_000, 4, 900);
      default -> throw new IllegalArgumentException("no simulator for " + m.deviceClass());
    };
  }

  private static long ratedW(DeviceClass c) {
    return switch (c) {
      case HOME_BATTERY -> 5_000;
      case EV_CHARGER -> 11_000;
      case PV_INVERTER -> 6_000;
      case HEAT_PUMP -> 3_000;
      case TELECOM_SITE_BATTERY -> 10_000;
      default -> throw new IllegalArgumentException("no simulator for " + c);
    };
  }

  private static long capacityWh(DeviceClass c) {
    return switch (c) {
      case HOME_BATTERY -> 13_500;
      case EV_CHARGER -> 60_000;
      case PV_INVERTER, HEAT_PUMP -> 0;
      case TELECOM_SITE_BATTERY -> 20_000;
      default -> throw new IllegalArgumentException("no simulator for " + c);
    };
  }

  private static DeviceRegistry registry(LocalTestnet net, Credentials as) {
    return DeviceRegistry.load(
        net.deployment().deviceRegistry(),
        net.chain().web3j(),
        Transactions.manager(net.chain().web3j(), as, net.chain().chainId()),
        Transactions.gas());
  }
}

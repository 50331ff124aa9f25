package org.openvpp.wallet.owner;

import java.util.Map;
import java.util.function.Function;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.web3j.protocol.core.RemoteFunctionCall;

/** Reading devices from the registry and showing them the same way in every command. */
public final class Devices {
  /** The zero address: no owner, no node. */
  public static final String NOBODY = "0x0000000000000000000000000000000000000000";

  private static final String[] STATUS = {"unknown", "active", "revoked"};

  private Devices() {}

  /** The device record; an address never registered is exit code 7 with what to do. */
  public static DeviceRegistry.Device require(Chain chain, String device) {
    DeviceRegistry.Device d = chain.read(() -> chain.devices().getDevice(device).send());
    if (d.status.signum() == 0) {
      throw WalletException.notFound(
          "unknown device "
              + device
              + ": it is not registered on this network (register it with"
              + " `vpp-wallet device register CERTIFICATE`)");
    }
    return d;
  }

  /**
   * Sends one DeviceRegistry call about a registered device (accept, offer, cancel an offer,
   * revoke) and returns the fields the command prints: the transaction's, then the device. The
   * device is checked first, so an unknown device is exit code 7 before any password is asked.
   */
  public static Map<String, Object> send(
      Session session,
      String device,
      Function<DeviceRegistry, RemoteFunctionCall<?>> call,
      String what) {
    Chain chain = session.chain();
    require(chain, device);
    String data = call.apply(chain.devices()).encodeFunctionCall();
    Map<String, Object> f =
        session.sender().send(chain.deployment().deviceRegistry(), data, what).fields();
    f.put("device", device);
    return f;
  }

  public static String status(DeviceRegistry.Device d) {
    return STATUS[d.status.intValueExact()];
  }

  /** The node the owner assigned the device to, or null when none. */
  public static String node(Chain chain, String device) {
    return orNull(chain.read(() -> chain.devices().nodeOf(device).send()).component1());
  }

  /** One display row; {@code pendingOwner} may be null when not looked up. */
  public static Map<String, Object> row(
      String device, DeviceRegistry.Device d, String pendingOwner, String node) {
    Map<String, Object> r = Output.record();
    r.put("device", device);
    r.put("status", status(d));
    r.put("model", d.modelId.longValueExact());
    r.put("class", DeviceClass.fromOrdinal(d.deviceClass.intValueExact()).name());
    r.put("ratedPowerW", d.ratedPowerW.longValueExact());
    r.put("capacityWh", d.capacityWh.longValueExact());
    r.put("oem", d.oem);
    r.put("owner", orNull(d.owner));
    if (pendingOwner != null) {
      r.put("pendingOwner", orNull(pendingOwner));
    }
    r.put("node", node);
    return r;
  }

  public static String orNull(String address) {
    return address == null || address.equalsIgnoreCase(NOBODY) ? null : address;
  }
}

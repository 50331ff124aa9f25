package org.openvpp.wallet.oem;

import java.math.BigInteger;
import java.util.Map;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.cli.WalletException;

/** Reading device models from the registry. */
final class Models {
  private Models() {}

  /** The model; an id never issued is exit code 7. */
  static DeviceRegistry.Model require(Chain chain, long modelId) {
    BigInteger count = chain.read(() -> chain.devices().modelCount().send());
    if (modelId < 0 || BigInteger.valueOf(modelId).compareTo(count) >= 0) {
      throw WalletException.notFound(
          "unknown model "
              + modelId
              + ": this network has models 0.."
              + (count.longValue() - 1)
              + " (see `vpp-wallet oem models`)");
    }
    return chain.read(() -> chain.devices().getModel(BigInteger.valueOf(modelId)).send());
  }

  /** Refuses work on another OEM's model before any key is unlocked or gas spent. */
  static void requireOwnModel(
      org.openvpp.wallet.session.Session session, long modelId, DeviceRegistry.Model model) {
    String self = session.account().address();
    if (!self.equalsIgnoreCase(model.oem)) {
      throw WalletException.usage(
          "model "
              + modelId
              + " belongs to OEM "
              + model.oem
              + ", not to "
              + self
              + ": act as that OEM with --account");
    }
  }

  static DeviceClass deviceClass(DeviceRegistry.Model m) {
    return DeviceClass.fromOrdinal(m.deviceClass.intValueExact());
  }

  static Map<String, Object> row(long id, DeviceRegistry.Model m) {
    Map<String, Object> r = Output.record();
    r.put("model", id);
    r.put("name", m.name);
    r.put("class", deviceClass(m).name());
    r.put("ratedPowerW", m.ratedPowerW.longValueExact());
    r.put("capacityWh", m.capacityWh.longValueExact());
    r.put("oem", m.oem);
    return r;
  }
}

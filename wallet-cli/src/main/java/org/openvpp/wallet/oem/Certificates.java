package org.openvpp.wallet.oem;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.wallet.cli.WalletException;
import org.web3j.crypto.Hash;

/**
 * Builds certificates that the registry will accept: the model's class, limits no higher than the
 * model's (the contract would revert with CertificateMismatch), the serial's keccak256.
 */
final class Certificates {
  private Certificates() {}

  static DeviceCertificate of(
      long modelId,
      DeviceRegistry.Model model,
      String device,
      String serial,
      OptionalLong powerW,
      OptionalLong capacityWh,
      String where) {
    long maxPower = model.ratedPowerW.longValueExact();
    long maxCapacity = model.capacityWh.longValueExact();
    long power = powerW.orElse(maxPower);
    long capacity = capacityWh.orElse(maxCapacity);
    if (power == 0 || power > maxPower) {
      throw WalletException.usage(
          where
              + ": rated power "
              + power
              + " W must be 1.."
              + maxPower
              + " W (model "
              + modelId
              + ")");
    }
    if (capacity > maxCapacity) {
      throw WalletException.usage(
          where + ": capacity " + capacity + " Wh exceeds the model's " + maxCapacity + " Wh");
    }
    return new DeviceCertificate(
        device,
        KeyType.SECP256K1,
        modelId,
        power,
        capacity,
        Models.deviceClass(model),
        Hash.sha3(serial.getBytes(StandardCharsets.UTF_8)));
  }
}

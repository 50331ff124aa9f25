package org.openvpp.contracts.testing;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.openvpp.contracts.eip712.Eip712Domain;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.identity.KeyType;
import org.openvpp.contracts.identity.RegistryDomain;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;

/** An admitted OEM in a test: its account, its registry handle and certificate helpers. */
public record Oem(ChainFixture chain, Credentials account) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Admits {@code account} as an OEM through the governance timelock (proposed by the admin). */
  public static Oem admit(ChainFixture chain, Credentials account, String name) throws Exception {
    chain.govern(chain.devices(chain.admin()), d -> d.admitOem(account.getAddress(), name));
    return new Oem(chain, account);
  }

  public DeviceRegistry registry() {
    return chain.devices(account);
  }

  public Eip712Domain domain() {
    return RegistryDomain.of(chain.anvil().chainId(), chain.deployment().deviceRegistry());
  }

  /** Registers a model and returns its id. */
  public long model(DeviceClass cls, long ratedPowerW, long capacityWh) throws Exception {
    long id = registry().modelCount().send().longValueExact();
    registry()
        .registerModel(
            BigInteger.valueOf(cls.ordinal()),
            BigInteger.valueOf(ratedPowerW),
            BigInteger.valueOf(capacityWh),
            cls + " model")
        .send();
    return id;
  }

  /** A certificate for a fresh device key of the given model. */
  public static DeviceCertificate certificate(
      Credentials deviceKey, long modelId, DeviceClass cls, long powerW, long capacityWh) {
    byte[] serial = new byte[12];
    RANDOM.nextBytes(serial);
    return new DeviceCertificate(
        deviceKey.getAddress(),
        KeyType.SECP256K1,
        modelId,
        powerW,
        capacityWh,
        cls,
        Hash.sha3(serial));
  }

  public static Credentials newDeviceKey() {
    try {
      return Credentials.create(Keys.createEcKeyPair());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The OEM's EIP-712 signature over the certificate under the registry's domain. */
  public byte[] sign(DeviceCertificate cert) {
    return sign(cert, domain());
  }

  public byte[] sign(DeviceCertificate cert, Eip712Domain domain) {
    return Signatures.sign(cert.digest(domain), account.getEcKeyPair());
  }
}

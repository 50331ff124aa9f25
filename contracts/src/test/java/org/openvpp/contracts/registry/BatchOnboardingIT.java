package org.openvpp.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceCertificate;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;

/** Bulk onboarding: one Merkle root per production batch, then one registration per device. */
@ExtendWith(AnvilExtension.class)
class BatchOnboardingIT {
  private ChainFixture chain;
  private Oem oem;
  private long evModel;
  private List<DeviceCertificate> certs;
  private StandardMerkleTree tree;

  @BeforeEach
  void publishBatch(Anvil anvil) throws Exception {
    chain = new ChainFixture(anvil);
    oem = Oem.admit(chain, chain.account(1), "Acme Chargers");
    evModel = oem.model(DeviceClass.EV_CHARGER, 11_000, 0);
    certs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      certs.add(Oem.certificate(Oem.newDeviceKey(), evModel, DeviceClass.EV_CHARGER, 11_000, 0));
    }
    tree = StandardMerkleTree.of(certs.stream().map(DeviceCertificate::abiEncoded).toList());
    var receipt =
        oem.registry()
            .publishBatch(
                BigInteger.valueOf(evModel), tree.root(), BigInteger.valueOf(certs.size()))
            .send();
    assertThat(DeviceRegistry.getBatchPublishedEvents(receipt)).hasSize(1);
  }

  @Test
  void everyDeviceOfTheBatchRegistersWithItsProof() throws Exception {
    DeviceRegistry anyone = chain.devices(chain.account(8));
    for (int i = 0; i < certs.size(); i++) {
      anyone
          .registerFromBatch(BigInteger.ZERO, certs.get(i).toContractStruct(), tree.proof(i))
          .send();
    }
    assertThat(anyone.deviceCount().send()).isEqualTo(BigInteger.valueOf(certs.size()));
    for (DeviceCertificate c : certs) {
      assertThat(anyone.isActive(c.device()).send()).isTrue();
    }
    assertThat(anyone.getBatch(BigInteger.ZERO).send().root).isEqualTo(tree.root());
  }

  @Test
  void contractLeafHashEqualsJavaLeafHash() throws Exception {
    assertThat(chain.devices(chain.admin()).certificateLeaf(certs.get(3).toContractStruct()).send())
        .isEqualTo(StandardMerkleTree.leafHash(certs.get(3).abiEncoded()));
  }

  @Test
  void rejectsAnotherDevicesProofAndAnAlteredCertificate() throws Exception {
    DeviceRegistry anyone = chain.devices(chain.account(8));
    chain.assertReverts(
        () ->
            anyone
                .registerFromBatch(BigInteger.ZERO, certs.get(0).toContractStruct(), tree.proof(1))
                .send(),
        "InvalidProof");
    DeviceCertificate c = certs.get(2);
    DeviceCertificate inflated =
        new DeviceCertificate(
            c.device(),
            c.keyType(),
            c.modelId(),
            10_000,
            c.capacityWh(),
            c.deviceClass(),
            c.serialHash());
    chain.assertReverts(
        () ->
            anyone
                .registerFromBatch(BigInteger.ZERO, inflated.toContractStruct(), tree.proof(2))
                .send(),
        "InvalidProof");
    DeviceCertificate outsider =
        Oem.certificate(Oem.newDeviceKey(), evModel, DeviceClass.EV_CHARGER, 11_000, 0);
    chain.assertReverts(
        () ->
            anyone
                .registerFromBatch(BigInteger.ZERO, outsider.toContractStruct(), tree.proof(0))
                .send(),
        "InvalidProof");
  }

  @Test
  void aDeviceRegistersOnlyOnceFromABatch() throws Exception {
    DeviceRegistry anyone = chain.devices(chain.account(8));
    anyone
        .registerFromBatch(BigInteger.ZERO, certs.get(5).toContractStruct(), tree.proof(5))
        .send();
    chain.assertReverts(
        () ->
            anyone
                .registerFromBatch(BigInteger.ZERO, certs.get(5).toContractStruct(), tree.proof(5))
                .send(),
        "DeviceAlreadyRegistered");
  }

  @Test
  void aRevokedBatchOrASuspendedOemRegistersNothingMore() throws Exception {
    DeviceRegistry anyone = chain.devices(chain.account(8));
    chain.assertReverts(() -> anyone.revokeBatch(BigInteger.ZERO).send(), "NotBatchOem");
    oem.registry().revokeBatch(BigInteger.ZERO).send();
    chain.assertReverts(
        () ->
            anyone
                .registerFromBatch(BigInteger.ZERO, certs.get(0).toContractStruct(), tree.proof(0))
                .send(),
        "BatchIsRevoked");

    oem.registry()
        .publishBatch(BigInteger.valueOf(evModel), tree.root(), BigInteger.valueOf(certs.size()))
        .send();
    chain.govern(chain.devices(chain.admin()), d -> d.suspendOem(oem.account().getAddress()));
    chain.assertReverts(
        () ->
            anyone
                .registerFromBatch(BigInteger.ONE, certs.get(0).toContractStruct(), tree.proof(0))
                .send(),
        "OemNotAdmitted");
  }

  @Test
  void onlyTheModelsOemPublishesBatchesForIt() throws Exception {
    Oem other = Oem.admit(chain, chain.account(2), "Other");
    chain.assertReverts(
        () ->
            other
                .registry()
                .publishBatch(BigInteger.valueOf(evModel), tree.root(), BigInteger.ONE)
                .send(),
        "NotModelOem");
    chain.assertReverts(
        () ->
            chain
                .devices(chain.account(8))
                .registerFromBatch(
                    BigInteger.valueOf(9), certs.get(0).toContractStruct(), tree.proof(0))
                .send(),
        "UnknownBatch");
  }

  @Test
  void aCertificateOfAnotherModelDoesNotRegisterFromTheBatch() throws Exception {
    long otherModel = oem.model(DeviceClass.EV_CHARGER, 22_000, 0);
    DeviceCertificate c =
        Oem.certificate(Oem.newDeviceKey(), otherModel, DeviceClass.EV_CHARGER, 22_000, 0);
    chain.assertReverts(
        () ->
            chain
                .devices(chain.account(8))
                .registerFromBatch(BigInteger.ZERO, c.toContractStruct(), tree.proof(0))
                .send(),
        "CertificateMismatch");
  }
}

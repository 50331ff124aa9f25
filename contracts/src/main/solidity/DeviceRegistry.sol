// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title Registry of OEMs, device models and OEM-vouched device identities
/// @notice A device's id is the Ethereum address of its secp256k1 key. Its OEM vouches for it
///         either with one EIP-712 certificate signature, or by publishing one Merkle root over
///         a production batch of certificates (StandardMerkleTree leaves), after which each
///         device registers with its certificate and a proof. The owner is bound by a
///         device-signed EIP-712 Bind(owner, nonce); ownership then moves only in two steps.
///         The owner assigns the node that may claim the device's delivery (setNode). The
///         registry keeps, per device, the current and the previous owner and node with the time
///         each took over, so a settlement window starting at t is attributed to the owner and
///         node of time t (ownerAt, nodeAt), and the time the device stopped counting (revokedAt:
///         its own revocation or its OEM's).
/// @dev Units: power in W, energy in Wh, times in seconds (see docs/units.md).
contract DeviceRegistry is AccessControl, EIP712, Nonces {
    /// @notice Role that admits and suspends OEMs.
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice Kind of device; fixed per model.
    enum DeviceClass {
        HomeBattery,
        EvCharger,
        PvInverter,
        HeatPump,
        TelecomSiteBattery,
        /// A gateway: holds the keys of devices that cannot sign (SunSpec, OCPP) and signs their
        /// readings. Its model's rated power and capacity cap each device bound to it.
        Gateway
    }

    /// @notice Who holds the key that signs a device's readings: the device itself (the key in the
    ///         meter or its secure element) or a gateway in front of it, which proves only that
    ///         the gateway saw the values (docs/device-protocol.md, "Devices behind a gateway").
    enum Assurance {
        DeviceSigned,
        GatewaySigned
    }

    /// @notice A device behind a gateway, as the gateway registers it. Signed (EIP-712) by the
    ///         gateway's key and by the new device key (proof that the gateway holds it).
    struct GatewayBinding {
        address device;
        address gateway;
        DeviceClass deviceClass;
        uint32 ratedPowerW;
        uint32 capacityWh;
        bytes32 serialHash;
    }

    /// @notice Signature scheme of the device key. Only SECP256K1 is accepted today; P256 is
    ///         reserved so hardware secure elements can be added (EIP-7951 / RIP-7212).
    enum KeyType {
        Secp256k1,
        P256
    }

    /// @notice What an OEM vouches for one device. Signed as EIP-712 typed data, or hashed as a
    ///         StandardMerkleTree leaf of types
    ///         (address,uint8,uint32,uint32,uint32,uint8,bytes32) in field order.
    struct Certificate {
        address device;
        KeyType keyType;
        uint32 modelId;
        uint32 ratedPowerW;
        uint32 capacityWh;
        DeviceClass deviceClass;
        bytes32 serialHash;
    }

    /// @notice An OEM. `revokedAt` is set once by revokeOem (0: never revoked); from then on
    ///         every device of its models counts as revoked.
    struct Oem {
        bool admitted;
        uint64 admittedAt;
        uint64 revokedAt;
        string name;
    }

    struct Model {
        address oem;
        DeviceClass deviceClass;
        uint32 ratedPowerW;
        uint32 capacityWh;
        string name;
    }

    struct Batch {
        address oem;
        bytes32 root;
        uint32 modelId;
        uint32 deviceCount;
        bool revoked;
    }

    enum Status {
        Unknown,
        Active,
        Revoked
    }

    /// @notice A device as read by getDevice. The OEM comes from the model; the serial hash is
    ///         in the DeviceRegistered event (kept out of storage to save a slot per device).
    struct Device {
        Status status;
        KeyType keyType;
        DeviceClass deviceClass;
        uint32 modelId;
        uint32 ratedPowerW;
        uint32 capacityWh;
        uint64 registeredAt;
        address oem;
        address owner;
    }

    /// @dev What is stored per device: one slot (31 bytes), plus the owner once bound. Bulk
    ///      onboarding writes this once per device, so every slot saved is ~22k gas per device.
    ///      `status` is the device's own status; an OEM revocation is read from the OEM.
    struct DeviceRecord {
        Status status;
        KeyType keyType;
        DeviceClass deviceClass;
        uint32 modelId;
        uint32 ratedPowerW;
        uint32 capacityWh;
        uint64 registeredAt;
        uint64 revokedAt;
    }

    /// @dev Who held a role (owner or node) from `since` on. One slot. `first` marks the first
    ///      entry ever written, so before it the holder is provably nobody.
    struct Entry {
        address account;
        uint64 since;
        bool first;
    }

    /// @dev The current and the previous holder; older entries are dropped.
    struct History {
        Entry current;
        Entry previous;
    }

    bytes32 public constant CERTIFICATE_TYPEHASH = keccak256(
        "DeviceCertificate(address device,uint8 keyType,uint32 modelId,uint32 ratedPowerW,uint32 capacityWh,uint8 deviceClass,bytes32 serialHash)"
    );
    bytes32 public constant BIND_TYPEHASH = keccak256("Bind(address owner,uint256 nonce)");
    bytes32 public constant GATEWAY_BINDING_TYPEHASH = keccak256(
        "GatewayBinding(address device,address gateway,uint8 deviceClass,uint32 ratedPowerW,uint32 capacityWh,bytes32 serialHash)"
    );

    mapping(address oem => Oem) private _oems;
    Model[] private _models;
    Batch[] private _batches;
    mapping(address device => DeviceRecord) private _devices;
    mapping(address device => History) private _owners;
    mapping(address device => History) private _nodes;
    mapping(address device => address) private _pendingOwners;
    mapping(address node => uint32) private _managedDevices;
    mapping(address device => address gateway) private _gateways;
    uint256 private _deviceCount;
    uint32 private _maxRatedPowerW;

    event OemAdmitted(address indexed oem, string name);
    event OemSuspended(address indexed oem);
    event ModelRegistered(uint32 indexed modelId, address indexed oem, DeviceClass deviceClass, uint32 ratedPowerW, uint32 capacityWh, string name);
    event BatchPublished(uint32 indexed batchId, address indexed oem, uint32 indexed modelId, bytes32 root, uint32 deviceCount);
    event BatchRevoked(uint32 indexed batchId);
    event DeviceRegistered(address indexed device, uint32 indexed modelId, address indexed oem, bytes32 serialHash);
    event OwnerBound(address indexed device, address indexed owner);
    event OwnershipOffered(address indexed device, address indexed from, address indexed to);
    event OwnershipOfferCancelled(address indexed device);
    event OwnershipTransferred(address indexed device, address indexed from, address indexed to);
    event DeviceRevoked(address indexed device, address indexed by);
    /// @notice The device's owner assigned it to `node` (zero: unassigned) from `since` on; also
    ///         emitted with node zero when an ownership transfer clears the assignment.
    event NodeAssigned(address indexed device, address indexed node, uint64 since);
    /// @notice Governance revoked `oem`: every device of its models counts as revoked from
    ///         `revokedAt` on.
    event OemRevoked(address indexed oem, uint64 revokedAt);
    /// @notice `device` was registered behind `gateway`: its readings are gateway-signed.
    event DeviceBoundToGateway(address indexed device, address indexed gateway, bytes32 serialHash);

    error ZeroAddress();
    error OemNotAdmitted(address oem);
    error OemAlreadyAdmitted(address oem);
    error UnknownModel(uint32 modelId);
    error InvalidModel();
    error NotModelOem(uint32 modelId, address caller);
    error UnknownBatch(uint32 batchId);
    error BatchIsRevoked(uint32 batchId);
    error NotBatchOem(uint32 batchId, address caller);
    error UnsupportedKeyType(KeyType keyType);
    error CertificateMismatch(uint32 modelId);
    error InvalidOemSignature(address recovered);
    error InvalidProof();
    error DeviceAlreadyRegistered(address device);
    error UnknownDevice(address device);
    error DeviceNotActive(address device);
    error OwnerAlreadyBound(address device, address owner);
    error InvalidDeviceSignature(address device, address recovered);
    error NotDeviceOwner(address device, address caller);
    error NotPendingOwner(address device, address caller);
    error NoPendingOffer(address device);
    error NotDeviceOem(address device, address caller);
    error OemIsRevoked(address oem);
    error NodeAlreadyAssigned(address device, address node);
    error NotAGateway(address gateway);
    error InvalidGatewaySignature(address gateway, address recovered);

    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE
    constructor(address admin) EIP712("OpenVPP DeviceRegistry", "1") {
        if (admin == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
    }

    // ------------------------------------------------------------------ OEMs

    /// @notice Admits `oem` (its signing address) so it can publish models and certify devices.
    ///         A suspended OEM may be admitted again; a revoked one never.
    function admitOem(address oem, string calldata name) external onlyRole(GOVERNANCE_ROLE) {
        if (oem == address(0)) revert ZeroAddress();
        if (_oems[oem].admitted) revert OemAlreadyAdmitted(oem);
        if (_oems[oem].revokedAt != 0) revert OemIsRevoked(oem);
        _oems[oem] = Oem({admitted: true, admittedAt: uint64(block.timestamp), revokedAt: 0, name: name});
        emit OemAdmitted(oem, name);
    }

    /// @notice Suspends `oem`: its certificates and batch roots no longer register new devices.
    ///         Devices it registered earlier stay active; to stop them too, use revokeOem.
    function suspendOem(address oem) external onlyRole(GOVERNANCE_ROLE) {
        if (!_oems[oem].admitted) revert OemNotAdmitted(oem);
        _oems[oem].admitted = false;
        emit OemSuspended(oem);
    }

    /// @notice Publishes a device model with its rated limits; the caller becomes its OEM.
    /// @return modelId the new model's id (sequential from 0)
    function registerModel(DeviceClass deviceClass, uint32 ratedPowerW, uint32 capacityWh, string calldata name)
        external
        returns (uint32 modelId)
    {
        _requireAdmitted(msg.sender);
        if (ratedPowerW == 0) revert InvalidModel();
        if (_storesEnergy(deviceClass) && capacityWh == 0) revert InvalidModel();
        modelId = uint32(_models.length);
        if (ratedPowerW > _maxRatedPowerW) _maxRatedPowerW = ratedPowerW;
        _models.push(Model({oem: msg.sender, deviceClass: deviceClass, ratedPowerW: ratedPowerW, capacityWh: capacityWh, name: name}));
        emit ModelRegistered(modelId, msg.sender, deviceClass, ratedPowerW, capacityWh, name);
    }

    /// @notice Publishes the Merkle root of a production batch of certificates of one model.
    /// @param root StandardMerkleTree root over certificate leaves (see Certificate)
    /// @param deviceCount number of leaves, informational (indexers, progress)
    /// @return batchId the new batch's id (sequential from 0)
    function publishBatch(uint32 modelId, bytes32 root, uint32 deviceCount) external returns (uint32 batchId) {
        _requireAdmitted(msg.sender);
        if (_model(modelId).oem != msg.sender) revert NotModelOem(modelId, msg.sender);
        batchId = uint32(_batches.length);
        _batches.push(Batch({oem: msg.sender, root: root, modelId: modelId, deviceCount: deviceCount, revoked: false}));
        emit BatchPublished(batchId, msg.sender, modelId, root, deviceCount);
    }

    /// @notice Stops further registrations from a batch (for example a leaked batch file).
    ///         Devices already registered from it stay active (revoke them with revokeDevice).
    function revokeBatch(uint32 batchId) external {
        Batch storage batch = _batch(batchId);
        if (batch.oem != msg.sender) revert NotBatchOem(batchId, msg.sender);
        batch.revoked = true;
        emit BatchRevoked(batchId);
    }

    // --------------------------------------------------------------- devices

    /// @notice Registers one device from a certificate signed (EIP-712) by the model's OEM.
    ///         Anyone may submit it; the device starts without an owner (see bindOwner).
    function registerDevice(Certificate calldata cert, bytes calldata oemSignature) external {
        address signer = ECDSA.recover(hashCertificate(cert), oemSignature);
        Model storage model = _model(cert.modelId);
        if (signer != model.oem) revert InvalidOemSignature(signer);
        _requireAdmitted(signer);
        _register(cert, model);
    }

    /// @notice Registers one device of a published batch with its certificate and Merkle proof.
    function registerFromBatch(uint32 batchId, Certificate calldata cert, bytes32[] calldata proof) external {
        Batch storage batch = _batch(batchId);
        if (batch.revoked) revert BatchIsRevoked(batchId);
        _requireAdmitted(batch.oem);
        if (cert.modelId != batch.modelId) revert CertificateMismatch(cert.modelId);
        if (!MerkleProof.verifyCalldata(proof, batch.root, certificateLeaf(cert))) revert InvalidProof();
        _register(cert, _model(cert.modelId));
    }

    /// @notice Registers a device behind an active gateway (a device of class Gateway, certified
    ///         by its OEM). Both the gateway's key and the device's key sign the binding, so a
    ///         gateway cannot claim an address whose key it does not hold, and no one can bind a
    ///         device to a gateway without it. The device takes the gateway's model (so the
    ///         gateway's OEM answers for it and may revoke it) and may not exceed the model's
    ///         rated power or capacity. Replays revert (DeviceAlreadyRegistered), and the EIP-712
    ///         domain pins chain and registry. Revoking the gateway revokes its devices.
    function registerBehindGateway(
        GatewayBinding calldata b,
        bytes calldata gatewaySignature,
        bytes calldata deviceSignature
    ) external {
        DeviceRecord storage g = _devices[b.gateway];
        if (g.deviceClass != DeviceClass.Gateway || _status(g) != Status.Active) revert NotAGateway(b.gateway);
        bytes32 digest = hashGatewayBinding(b);
        address signer = ECDSA.recover(digest, gatewaySignature);
        if (signer != b.gateway) revert InvalidGatewaySignature(b.gateway, signer);
        signer = ECDSA.recover(digest, deviceSignature);
        if (signer != b.device) revert InvalidDeviceSignature(b.device, signer);
        Model storage model = _models[g.modelId];
        _requireAdmitted(model.oem);
        if (
            b.deviceClass == DeviceClass.Gateway || b.ratedPowerW == 0 || b.ratedPowerW > model.ratedPowerW
                || b.capacityWh > model.capacityWh || (_storesEnergy(b.deviceClass) && b.capacityWh == 0)
        ) revert CertificateMismatch(g.modelId);
        if (b.device == address(0)) revert ZeroAddress();
        if (_devices[b.device].status != Status.Unknown) revert DeviceAlreadyRegistered(b.device);
        _devices[b.device] = DeviceRecord({
            status: Status.Active,
            keyType: KeyType.Secp256k1,
            deviceClass: b.deviceClass,
            modelId: g.modelId,
            ratedPowerW: b.ratedPowerW,
            capacityWh: b.capacityWh,
            registeredAt: uint64(block.timestamp),
            revokedAt: 0
        });
        _gateways[b.device] = b.gateway;
        ++_deviceCount;
        emit DeviceRegistered(b.device, g.modelId, model.oem, b.serialHash);
        emit DeviceBoundToGateway(b.device, b.gateway, b.serialHash);
    }

    /// @notice Binds the first owner of a device. `deviceSignature` is the device key's
    ///         EIP-712 signature over Bind(owner, nonces(device)); each nonce works once.
    function bindOwner(address device, address owner, bytes calldata deviceSignature) external {
        if (owner == address(0)) revert ZeroAddress();
        _activeDevice(device);
        address current = _owners[device].current.account;
        if (current != address(0)) revert OwnerAlreadyBound(device, current);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(BIND_TYPEHASH, owner, nonces(device))));
        address signer = ECDSA.recover(digest, deviceSignature);
        if (signer != device) revert InvalidDeviceSignature(device, signer);
        _useNonce(device);
        _record(_owners[device], owner);
        emit OwnerBound(device, owner);
    }

    /// @notice First step of an ownership transfer: the current owner offers the device to `to`.
    ///         A new offer replaces the previous one.
    function offerOwnership(address device, address to) external {
        if (to == address(0)) revert ZeroAddress();
        _activeDevice(device);
        _requireOwner(device);
        _pendingOwners[device] = to;
        emit OwnershipOffered(device, msg.sender, to);
    }

    /// @notice Withdraws a pending offer.
    function cancelOwnershipOffer(address device) external {
        _activeDevice(device);
        _requireOwner(device);
        if (_pendingOwners[device] == address(0)) revert NoPendingOffer(device);
        delete _pendingOwners[device];
        emit OwnershipOfferCancelled(device);
    }

    /// @notice Second step: the offered account accepts and becomes the owner. The node the
    ///         previous owner assigned is unassigned: it served the previous owner, and the new
    ///         owner chooses its own with setNode.
    function acceptOwnership(address device) external {
        _activeDevice(device);
        if (_pendingOwners[device] != msg.sender) revert NotPendingOwner(device, msg.sender);
        address from = _owners[device].current.account;
        delete _pendingOwners[device];
        _record(_owners[device], msg.sender);
        emit OwnershipTransferred(device, from, msg.sender);
        if (_nodes[device].current.account != address(0)) _assign(device, address(0));
    }

    /// @notice The device's owner assigns the node that may claim its delivery, from this
    ///         block's timestamp on; `node` zero unassigns. A window is attributed to the node
    ///         assigned at its start (nodeAt).
    function setNode(address device, address node) external {
        _activeDevice(device);
        _requireOwner(device);
        if (_nodes[device].current.account == node) revert NodeAlreadyAssigned(device, node);
        _assign(device, node);
    }

    /// @notice Revokes a device (compromised key, recalled unit). Only the device's OEM may.
    ///         A revoked device's readings from revokedAt on are no longer accepted anywhere; it
    ///         stops counting in its node's managedDevices (its node history stays readable).
    function revokeDevice(address device) external {
        DeviceRecord storage d = _activeDevice(device);
        if (_models[d.modelId].oem != msg.sender) revert NotDeviceOem(device, msg.sender);
        d.status = Status.Revoked;
        d.revokedAt = uint64(block.timestamp);
        delete _pendingOwners[device];
        address node = _nodes[device].current.account;
        if (node != address(0)) --_managedDevices[node];
        emit DeviceRevoked(device, msg.sender);
    }

    /// @notice Governance revokes a compromised OEM: it is suspended for good (never admitted
    ///         again) and every device of its models counts as revoked from this block's
    ///         timestamp on (isActive false, status Revoked, revokedAt), without touching each
    ///         device. Such devices keep counting in managedDevices (see there).
    function revokeOem(address oem) external onlyRole(GOVERNANCE_ROLE) {
        Oem storage o = _oems[oem];
        if (o.admittedAt == 0) revert OemNotAdmitted(oem);
        if (o.revokedAt != 0) revert OemIsRevoked(oem);
        o.admitted = false;
        o.revokedAt = uint64(block.timestamp);
        emit OemRevoked(oem, o.revokedAt);
    }

    // ----------------------------------------------------------------- reads

    /// @notice EIP-712 digest of a certificate under this registry's domain.
    function hashCertificate(Certificate calldata cert) public view returns (bytes32) {
        // abi.encode of static fields equals typehash ‖ abi.encode(fields): one encoder serves
        // both the typed-data hash and the Merkle leaf.
        return _hashTypedDataV4(keccak256(bytes.concat(CERTIFICATE_TYPEHASH, _encode(cert))));
    }

    /// @notice EIP-712 digest the gateway and the device sign for registerBehindGateway.
    function hashGatewayBinding(GatewayBinding calldata b) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    GATEWAY_BINDING_TYPEHASH, b.device, b.gateway, b.deviceClass, b.ratedPowerW, b.capacityWh, b.serialHash
                )
            )
        );
    }

    /// @notice The gateway `device` is bound to (zero: it signs its own readings).
    function gatewayOf(address device) external view returns (address) {
        return _gateways[device];
    }

    /// @notice Who signs the readings of `device`: the device itself or a gateway.
    function assuranceOf(address device) external view returns (Assurance) {
        return _gateways[device] == address(0) ? Assurance.DeviceSigned : Assurance.GatewaySigned;
    }

    /// @notice EIP-712 digest a device signs to bind `owner` with the current nonce.
    function hashBind(address device, address owner) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(BIND_TYPEHASH, owner, nonces(device))));
    }

    /// @notice StandardMerkleTree leaf of a certificate: keccak256(keccak256(abi.encode(fields))).
    function certificateLeaf(Certificate calldata cert) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(_encode(cert))));
    }

    /// @notice The EIP-712 domain separator (chain id and this contract's address included).
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The OEM record (admitted flag, admission time, name).
    function getOem(address oem) external view returns (Oem memory) {
        return _oems[oem];
    }

    /// @notice True while `oem` may publish models and certify devices.
    function isOemAdmitted(address oem) external view returns (bool) {
        return _oems[oem].admitted;
    }

    /// @notice A device model; reverts with UnknownModel for an id never issued.
    function getModel(uint32 modelId) external view returns (Model memory) {
        return _model(modelId);
    }

    /// @notice Number of models ever registered (ids are 0..modelCount-1).
    function modelCount() external view returns (uint256) {
        return _models.length;
    }

    /// @notice A published batch; reverts with UnknownBatch for an id never issued.
    function getBatch(uint32 batchId) external view returns (Batch memory) {
        return _batch(batchId);
    }

    /// @notice Number of batches ever published (ids are 0..batchCount-1).
    function batchCount() external view returns (uint256) {
        return _batches.length;
    }

    /// @notice The device record; status Unknown (and all fields zero) for an address never
    ///         registered.
    function getDevice(address device) external view returns (Device memory) {
        DeviceRecord storage d = _devices[device];
        address oem = d.status == Status.Unknown ? address(0) : _models[d.modelId].oem;
        return Device({
            status: _statusOf(device),
            keyType: d.keyType,
            deviceClass: d.deviceClass,
            modelId: d.modelId,
            ratedPowerW: d.ratedPowerW,
            capacityWh: d.capacityWh,
            registeredAt: d.registeredAt,
            oem: oem,
            owner: _owners[device].current.account
        });
    }

    /// @notice True when the device is registered and neither it nor its OEM is revoked.
    function isActive(address device) external view returns (bool) {
        return _statusOf(device) == Status.Active;
    }

    /// @notice The bound owner of `device`, or the zero address before binding.
    function ownerOf(address device) external view returns (address) {
        return _owners[device].current.account;
    }

    /// @notice The account offered ownership of `device`, or the zero address.
    function pendingOwnerOf(address device) external view returns (address) {
        return _pendingOwners[device];
    }

    /// @notice Number of devices ever registered (revoked ones included).
    function deviceCount() external view returns (uint256) {
        return _deviceCount;
    }

    // -------------------------------------------------- history (read by settlement)

    /// @notice When the current owner of `device` became its owner (0 before binding).
    function ownerSince(address device) external view returns (uint64) {
        return _owners[device].current.since;
    }

    /// @notice The owner of `device` for a window starting at `t` (seconds): the owner whose
    ///         entry began at or before `t`. Before the device's first owner the owner is zero
    ///         and known. `known` is false when `t` is older than the history kept (current and
    ///         previous owner): then nothing about the owner at `t` is provable.
    function ownerAt(address device, uint64 t) external view returns (address owner, bool known) {
        return _at(_owners[device], t);
    }

    /// @notice The node `device` was assigned to for a window starting at `t` (seconds), zero
    ///         when unassigned; `known` as in ownerAt.
    function nodeAt(address device, uint64 t) external view returns (address node, bool known) {
        return _at(_nodes[device], t);
    }

    /// @notice The node currently assigned to `device` and since when (zero: none).
    function nodeOf(address device) external view returns (address node, uint64 since) {
        Entry storage e = _nodes[device].current;
        return (e.account, e.since);
    }

    /// @notice Number of devices currently assigned to `node`. A device leaves the count when
    ///         unassigned, when its ownership moves, or when its OEM revokes it; devices of an
    ///         OEM revoked by governance keep counting (no loop over them), which only loosens
    ///         bounds computed from this count, never pays them: their readings after revokedAt
    ///         are fraud.
    function managedDevices(address node) external view returns (uint32) {
        return _managedDevices[node];
    }

    /// @notice When `device` stopped counting: the earliest of its own revocation, its gateway's
    ///         and its OEM's (0: none revoked, or not registered).
    function revokedAt(address device) external view returns (uint64) {
        DeviceRecord storage d = _devices[device];
        if (d.status == Status.Unknown) return 0;
        uint64 own = d.revokedAt;
        address gateway = _gateways[device];
        uint64 byGateway = gateway == address(0) ? 0 : _devices[gateway].revokedAt;
        if (byGateway != 0 && (own == 0 || byGateway < own)) own = byGateway;
        uint64 byOem = _oems[_models[d.modelId].oem].revokedAt;
        if (own == 0) return byOem;
        if (byOem == 0 || own < byOem) return own;
        return byOem;
    }

    /// @notice The largest rated power of any registered model, W; never decreases (bounds
    ///         epoch payments).
    function maxRatedPowerW() external view returns (uint32) {
        return _maxRatedPowerW;
    }

    // -------------------------------------------------------------- internal

    function _register(Certificate calldata cert, Model storage model) private {
        if (cert.keyType != KeyType.Secp256k1) revert UnsupportedKeyType(cert.keyType);
        if (cert.device == address(0)) revert ZeroAddress();
        if (
            cert.deviceClass != model.deviceClass || cert.ratedPowerW == 0 || cert.ratedPowerW > model.ratedPowerW
                || cert.capacityWh > model.capacityWh
        ) revert CertificateMismatch(cert.modelId);
        if (_devices[cert.device].status != Status.Unknown) revert DeviceAlreadyRegistered(cert.device);
        _devices[cert.device] = DeviceRecord({
            status: Status.Active,
            keyType: cert.keyType,
            deviceClass: cert.deviceClass,
            modelId: cert.modelId,
            ratedPowerW: cert.ratedPowerW,
            capacityWh: cert.capacityWh,
            registeredAt: uint64(block.timestamp),
            revokedAt: 0
        });
        ++_deviceCount;
        emit DeviceRegistered(cert.device, cert.modelId, model.oem, cert.serialHash);
    }

    /// @dev abi.encode of the certificate's fields in declaration order (all static types).
    function _encode(Certificate calldata cert) private pure returns (bytes memory) {
        return abi.encode(
            cert.device,
            cert.keyType,
            cert.modelId,
            cert.ratedPowerW,
            cert.capacityWh,
            cert.deviceClass,
            cert.serialHash
        );
    }

    /// @dev Makes `account` the holder from now on; the current entry becomes the previous one.
    ///      Two changes in one block leave two entries of the same time: the later one holds from
    ///      then on and what came before that block is unknown (unless it was the first entry).
    ///      The path never depends on the block's timestamp, so a gas estimate made in an earlier
    ///      block holds (overwriting within a block would skip the write of `previous`).
    function _record(History storage h, address account) private {
        bool first = h.current.since == 0;
        if (!first) h.previous = h.current;
        h.current = Entry({account: account, since: uint64(block.timestamp), first: first});
    }

    /// @dev The holder at `t`; zero and known before the first entry ever, unknown before the
    ///      oldest entry kept when older ones were dropped.
    function _at(History storage h, uint64 t) private view returns (address, bool) {
        Entry memory e = h.current;
        if (e.since == 0) return (address(0), true);
        if (t >= e.since) return (e.account, true);
        if (e.first) return (address(0), true);
        e = h.previous;
        if (t >= e.since) return (e.account, true);
        return (address(0), e.first);
    }

    function _assign(address device, address node) private {
        address old = _nodes[device].current.account;
        if (old != address(0)) --_managedDevices[old];
        if (node != address(0)) ++_managedDevices[node];
        _record(_nodes[device], node);
        emit NodeAssigned(device, node, uint64(block.timestamp));
    }

    function _requireOwner(address device) private view {
        if (_owners[device].current.account != msg.sender) revert NotDeviceOwner(device, msg.sender);
    }

    /// @dev Effective status: an Active device of a revoked OEM reads as Revoked.
    function _status(DeviceRecord storage d) private view returns (Status) {
        Status s = d.status;
        if (s == Status.Active && _oems[_models[d.modelId].oem].revokedAt != 0) return Status.Revoked;
        return s;
    }

    /// @dev Effective status including the gateway: a device behind a revoked gateway reads as
    ///      Revoked. (Its OEM is the gateway's, so an OEM revocation is already in _status.)
    ///      Such devices keep counting in managedDevices, as for an OEM revocation.
    function _statusOf(address device) private view returns (Status) {
        Status s = _status(_devices[device]);
        address gateway = _gateways[device];
        if (s == Status.Active && gateway != address(0) && _devices[gateway].status != Status.Active) {
            return Status.Revoked;
        }
        return s;
    }

    function _requireAdmitted(address oem) private view {
        if (!_oems[oem].admitted) revert OemNotAdmitted(oem);
    }

    function _model(uint32 modelId) private view returns (Model storage) {
        if (modelId >= _models.length) revert UnknownModel(modelId);
        return _models[modelId];
    }

    function _batch(uint32 batchId) private view returns (Batch storage) {
        if (batchId >= _batches.length) revert UnknownBatch(batchId);
        return _batches[batchId];
    }

    function _activeDevice(address device) private view returns (DeviceRecord storage d) {
        d = _devices[device];
        if (d.status == Status.Unknown) revert UnknownDevice(device);
        if (_statusOf(device) != Status.Active) revert DeviceNotActive(device);
    }

    function _storesEnergy(DeviceClass c) private pure returns (bool) {
        return c == DeviceClass.HomeBattery || c == DeviceClass.TelecomSiteBattery;
    }
}

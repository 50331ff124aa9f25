// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {FlexibilityCoordinator} from "./FlexibilityCoordinator.sol";
import {DeviceRegistry} from "./DeviceRegistry.sol";
import {Settlement} from "./Settlement.sol";

/// @title Fraud proofs against pending evidence roots
/// @notice Anyone can prove a leaf of a pending Settlement submission fraudulent with the two
///         device-signed meter readings it commits to. This contract checks the proof and the
///         fraud rules; Settlement (voidForFraud, callable only from here) voids the root,
///         resets the node's chain, slashes the node and pays the challenger.
/// @dev Split out of Settlement to keep both under the 24 kB code limit (ADR 0007). The rules
///      only read Settlement, the coordinator and the device registry; the only state change is
///      Settlement's.
contract FraudProofs is ReentrancyGuard {
    bytes32 public constant METER_READING_TYPEHASH = keccak256(
        "MeterReading(address device,uint64 sequence,uint64 timestampMs,uint64 importWh,uint64 exportWh,int64 powerW,uint16 socPermille)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    /// @notice Why a challenge proved fraud (FraudProven.reason).
    enum Fraud {
        None,
        UnknownDevice,
        SequenceNotIncreasing,
        TimeNotIncreasing,
        RegisterDecreased,
        ReadingOutsideWindow,
        DeliveryMismatch,
        AboveRatedPower,
        BaselineAboveRatedPower
    }

    /// @notice One evidence leaf; StandardMerkleTree types
    ///         (address,address,bytes32,bytes32,int64,uint64) in field order.
    struct Leaf {
        address device;
        address owner;
        bytes32 firstReading;
        bytes32 lastReading;
        int64 baselineWh;
        uint64 deliveredWh;
    }

    /// @notice A device-signed reading (EIP-712 domain "OpenVPP Meter" v1 of the DeviceRegistry).
    struct MeterReading {
        address device;
        uint64 sequence;
        uint64 timestampMs;
        uint64 importWh;
        uint64 exportWh;
        int64 powerW;
        uint16 socPermille;
    }

    struct SignedReading {
        MeterReading reading;
        bytes signature;
    }

    Settlement public immutable settlement;
    DeviceRegistry public immutable deviceRegistry;

    event FraudProven(
        uint256 indexed submissionId, address indexed node, address indexed challenger, address device, Fraud reason, uint256 slashed
    );

    error ZeroAddress();
    error NotPending(uint256 submissionId, Settlement.Status status);
    error InvalidProof();
    error ReadingDeviceMismatch(address device, address readingDevice);
    error ReadingNotInLeaf(bytes32 digest);
    error InvalidDeviceSignature(address device, address recovered);
    error NoFraud(uint256 submissionId);

    constructor(Settlement settlement_) {
        if (address(settlement_) == address(0)) revert ZeroAddress();
        settlement = settlement_;
        deviceRegistry = settlement_.deviceRegistry();
    }

    /// @notice Proves a leaf of a pending submission fraudulent with the two device-signed
    ///         readings it commits to. Both signatures must verify against the device key (the
    ///         device address); then the sequence, time and registers must increase, both
    ///         readings must lie within readingSlackMs of the window's edges, the delivered Wh
    ///         must equal the measured energy in the requested direction minus the baseline
    ///         (at least 0), and must not exceed rated power × elapsed time. Any violation voids
    ///         the root, slashes the node by fraudSlash and pays the slash to the caller.
    function challenge(
        uint256 submissionId,
        Leaf calldata leaf,
        bytes32[] calldata proof,
        SignedReading calldata first,
        SignedReading calldata last
    ) external nonReentrant {
        Settlement.Submission memory s = settlement.getSubmission(submissionId);
        if (s.status != Settlement.Status.Pending) revert NotPending(submissionId, s.status);
        if (!MerkleProof.verifyCalldata(proof, s.evidenceRoot, evidenceLeaf(leaf))) revert InvalidProof();
        _checkReading(leaf.device, leaf.firstReading, first);
        _checkReading(leaf.device, leaf.lastReading, last);
        Fraud reason = _fraud(submissionId, leaf, first.reading, last.reading);
        if (reason == Fraud.None) revert NoFraud(submissionId);

        uint256 slashed = settlement.voidForFraud(submissionId, msg.sender);
        emit FraudProven(submissionId, s.node, msg.sender, leaf.device, reason, slashed);
    }

    // ----------------------------------------------------------------- reads

    /// @notice EIP-712 digest of a meter reading in the "OpenVPP Meter" domain of the registry.
    function readingDigest(MeterReading calldata r) public view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("OpenVPP Meter"), keccak256("1"), block.chainid, address(deviceRegistry))
        );
        bytes32 structHash = keccak256(
            abi.encode(
                METER_READING_TYPEHASH,
                r.device,
                r.sequence,
                r.timestampMs,
                r.importWh,
                r.exportWh,
                r.powerW,
                r.socPermille
            )
        );
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }

    /// @notice StandardMerkleTree leaf hash of an evidence leaf.
    function evidenceLeaf(Leaf calldata l) public pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                keccak256(abi.encode(l.device, l.owner, l.firstReading, l.lastReading, l.baselineWh, l.deliveredWh))
            )
        );
    }

    // -------------------------------------------------------------- internal

    function _checkReading(address device, bytes32 committed, SignedReading calldata signed) private view {
        if (signed.reading.device != device) revert ReadingDeviceMismatch(device, signed.reading.device);
        bytes32 digest = readingDigest(signed.reading);
        if (digest != committed) revert ReadingNotInLeaf(digest);
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, signed.signature);
        if (err != ECDSA.RecoverError.NoError || recovered != device) revert InvalidDeviceSignature(device, recovered);
    }

    function _fraud(uint256 submissionId, Leaf calldata leaf, MeterReading calldata a, MeterReading calldata b)
        private
        view
        returns (Fraud)
    {
        DeviceRegistry.Device memory device = deviceRegistry.getDevice(leaf.device);
        if (device.status == DeviceRegistry.Status.Unknown) return Fraud.UnknownDevice;
        if (b.sequence <= a.sequence) return Fraud.SequenceNotIncreasing;
        if (b.timestampMs <= a.timestampMs) return Fraud.TimeNotIncreasing;
        if (b.importWh < a.importWh || b.exportWh < a.exportWh) return Fraud.RegisterDecreased;
        (uint64 startMs, uint64 endMs, FlexibilityCoordinator.Direction direction, uint64 slack) =
            settlement.windowOf(submissionId);
        if (!_near(a.timestampMs, startMs, slack) || !_near(b.timestampMs, endMs, slack)) {
            return Fraud.ReadingOutsideWindow;
        }
        int256 imported = int256(uint256(b.importWh - a.importWh));
        int256 exported = int256(uint256(b.exportWh - a.exportWh));
        int256 measured = direction == FlexibilityCoordinator.Direction.Up ? exported - imported : imported - exported;
        int256 delivered = measured - leaf.baselineWh;
        if (delivered < 0) delivered = 0;
        if (uint256(delivered) != leaf.deliveredWh) return Fraud.DeliveryMismatch;
        // Wh × 3,600,000 = W·ms. The registers cannot move more energy than rated power over the
        // elapsed time, and the baseline (what the device would have done) cannot either; so a
        // battery that truly swings from charging to discharging may deliver up to twice that.
        uint256 ceiling = uint256(device.ratedPowerW) * (b.timestampMs - a.timestampMs);
        if (uint256(imported + exported) * 3_600_000 > ceiling) return Fraud.AboveRatedPower;
        uint256 baseline = uint256(leaf.baselineWh < 0 ? -int256(leaf.baselineWh) : int256(leaf.baselineWh));
        if (baseline * 3_600_000 > ceiling) return Fraud.BaselineAboveRatedPower;
        return Fraud.None;
    }

    function _near(uint256 t, uint256 edge, uint256 slack) private pure returns (bool) {
        return t + slack >= edge && t <= edge + slack;
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {FlexibilityCoordinator} from "./FlexibilityCoordinator.sol";
import {DeviceRegistry} from "./DeviceRegistry.sol";
import {Settlement} from "./Settlement.sol";

/// @title Fraud proofs against pending evidence roots
/// @notice Anyone can prove a leaf of a pending Settlement submission fraudulent: with the two
///         device-signed meter readings it commits to (challenge), with two leaves of one device
///         in one root (challengeDuplicate), or with leaves of one device in two overlapping
///         submissions of the same node (challengeOverlap). Every challenge is commit-reveal:
///         the challenger first commits to commitmentOf(itself, submissionId, evidence hash,
///         salt) and reveals in a later block, so copying a challenge from the mempool pays
///         nobody but the one who committed it. Settlement (voidForFraud, callable only from
///         here) voids the root, slashes the node and pays the challenger a share of the slash.
/// @dev Split out of Settlement to keep both under the 24 kB code limit (ADR 0007). The rules
///      only read Settlement, the coordinator and the device registry. The power ceiling is the
///      one of docs/device-protocol.md ("Physical ceiling and tolerance"), also implemented by
///      org.openvpp.contracts.evidence.PhysicalCeiling; change both together.
contract FraudProofs is ReentrancyGuardTransient {
    bytes32 public constant METER_READING_TYPEHASH = keccak256(
        "MeterReading(address device,uint64 sequence,uint64 timestampMs,uint64 importWh,uint64 exportWh,int64 powerW,uint16 socPermille)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /// @notice Tolerance on rated power for meter accuracy and clock jitter, basis points.
    uint256 public constant POWER_TOLERANCE_BPS = 1_000;
    /// @notice Whole-Wh registers floor the true energy: each of the two registers may show up
    ///         to one Wh more over an interval than truly flowed.
    uint256 public constant REGISTER_ROUNDING_WH = 2;

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
        BaselineAboveRatedPower,
        OwnerMismatch,
        AssignedToAnotherNode,
        ReadingAfterRevocation,
        DuplicateDevice,
        OverlappingClaim
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

    /// @notice Block in which `challenger` committed to `commitment` (0: none).
    mapping(address challenger => mapping(bytes32 commitment => uint256 blockNumber)) public committedAt;

    event ChallengeCommitted(address indexed challenger, bytes32 indexed commitment);
    event FraudProven(
        uint256 indexed submissionId, address indexed node, address indexed challenger, address device, Fraud reason, uint256 slashed
    );

    error ZeroAddress();
    error AlreadyCommitted(bytes32 commitment);
    error NoCommitment(bytes32 commitment);
    error RevealTooEarly(uint256 committedAt);
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

    /// @notice First step of every challenge: commits to commitmentOf(msg.sender, submissionId,
    ///         evidence hash, salt) without revealing it. The challenge itself must be sent by
    ///         the same account in a later block.
    function commitChallenge(bytes32 commitment) external {
        if (committedAt[msg.sender][commitment] != 0) revert AlreadyCommitted(commitment);
        committedAt[msg.sender][commitment] = block.number;
        emit ChallengeCommitted(msg.sender, commitment);
    }

    /// @notice Proves a leaf of a pending submission fraudulent with the two device-signed
    ///         readings it commits to (evidence hash: evidenceLeaf(leaf)). Both signatures must
    ///         verify against the device key (the device address); then the device must be
    ///         registered, owned by leaf.owner and assigned to no other node at the window's
    ///         start (where the registry knows), not revoked by the last reading; the sequence,
    ///         time and registers must increase, both readings must lie within readingSlackMs of
    ///         the window's edges, the delivered Wh must equal the measured energy in the
    ///         requested direction minus the baseline (at least 0), and neither the registers'
    ///         movement nor the baseline may exceed physicalCeilingWh. Any violation voids the
    ///         root and slashes the node; the caller is paid Settlement's challenger share.
    function challenge(
        uint256 submissionId,
        Leaf calldata leaf,
        bytes32[] calldata proof,
        SignedReading calldata first,
        SignedReading calldata last,
        bytes32 salt
    ) external nonReentrant {
        bytes32 leafHash = evidenceLeaf(leaf);
        _reveal(submissionId, leafHash, salt);
        Settlement.Submission memory s = _pending(submissionId);
        if (!MerkleProof.verifyCalldata(proof, s.evidenceRoot, leafHash)) revert InvalidProof();
        _checkReading(leaf.device, leaf.firstReading, first);
        _checkReading(leaf.device, leaf.lastReading, last);
        Fraud reason = _fraud(submissionId, s.node, leaf, first.reading, last.reading);
        if (reason == Fraud.None) revert NoFraud(submissionId);
        _void(submissionId, s.node, leaf.device, reason);
    }

    /// @notice Proves that a pending root pays one device twice: two different leaves of the
    ///         same device, both in the root (evidence hash: keccak256(abi.encode(
    ///         evidenceLeaf(a), evidenceLeaf(b)))).
    function challengeDuplicate(
        uint256 submissionId,
        Leaf calldata a,
        bytes32[] calldata proofA,
        Leaf calldata b,
        bytes32[] calldata proofB,
        bytes32 salt
    ) external nonReentrant {
        bytes32 hashA = evidenceLeaf(a);
        bytes32 hashB = evidenceLeaf(b);
        _reveal(submissionId, keccak256(abi.encode(hashA, hashB)), salt);
        Settlement.Submission memory s = _pending(submissionId);
        if (!MerkleProof.verifyCalldata(proofA, s.evidenceRoot, hashA)) revert InvalidProof();
        if (!MerkleProof.verifyCalldata(proofB, s.evidenceRoot, hashB)) revert InvalidProof();
        if (a.device != b.device || hashA == hashB) revert NoFraud(submissionId);
        _void(submissionId, s.node, a.device, Fraud.DuplicateDevice);
    }

    /// @notice Proves that a node claims one device in two of its submissions whose windows
    ///         overlap (a request and an overlapping epoch, or two overlapping requests), neither
    ///         of them voided or expired: `leaf` in `submissionId`, `otherLeaf` in `otherId`
    ///         (evidence hash: keccak256(abi.encode(otherId, evidenceLeaf(leaf),
    ///         evidenceLeaf(otherLeaf)))). Voids the one still pending, the later if both are.
    function challengeOverlap(
        uint256 submissionId,
        Leaf calldata leaf,
        bytes32[] calldata proof,
        uint256 otherId,
        Leaf calldata otherLeaf,
        bytes32[] calldata otherProof,
        bytes32 salt
    ) external nonReentrant {
        bytes32 hashA = evidenceLeaf(leaf);
        bytes32 hashB = evidenceLeaf(otherLeaf);
        _reveal(submissionId, keccak256(abi.encode(otherId, hashA, hashB)), salt);
        Settlement.Submission memory s = settlement.getSubmission(submissionId);
        Settlement.Submission memory o = settlement.getSubmission(otherId);
        if (!MerkleProof.verifyCalldata(proof, s.evidenceRoot, hashA)) revert InvalidProof();
        if (!MerkleProof.verifyCalldata(otherProof, o.evidenceRoot, hashB)) revert InvalidProof();
        if (
            submissionId == otherId || s.node != o.node || leaf.device != otherLeaf.device || !_counts(s.status)
                || !_counts(o.status) || !_overlap(submissionId, otherId)
        ) revert NoFraud(submissionId);
        uint256 target = s.status != Settlement.Status.Pending
            ? otherId
            : (o.status == Settlement.Status.Pending && otherId > submissionId ? otherId : submissionId);
        if (target == otherId && o.status != Settlement.Status.Pending) revert NotPending(otherId, o.status);
        _void(target, s.node, leaf.device, Fraud.OverlappingClaim);
    }

    // ----------------------------------------------------------------- reads

    /// @notice What a commitment to a challenge is: keccak256(abi.encode(challenger,
    ///         submissionId, evidenceHash, salt)); the evidence hash of each challenge kind is
    ///         given on the challenge function.
    function commitmentOf(address challenger, uint256 submissionId, bytes32 evidenceHash, bytes32 salt)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(challenger, submissionId, evidenceHash, salt));
    }

    /// @notice The fraud a leaf's two readings prove against a submission (Fraud.None: none),
    ///         without checking the Merkle proof or the signatures: for watchers and the
    ///         committee to decide whether a challenge would succeed.
    function fraudOf(uint256 submissionId, Leaf calldata leaf, MeterReading calldata first, MeterReading calldata last)
        external
        view
        returns (Fraud)
    {
        return _fraud(submissionId, settlement.getSubmission(submissionId).node, leaf, first, last);
    }

    /// @notice The most Wh a device of `ratedPowerW` may show moving over `elapsedMs`, summed
    ///         over both registers: floor(ratedPowerW × elapsedMs × (10,000 + POWER_TOLERANCE_BPS)
    ///         / (10,000 × 3,600,000)) + REGISTER_ROUNDING_WH (docs/device-protocol.md).
    function physicalCeilingWh(uint256 ratedPowerW, uint256 elapsedMs) public pure returns (uint256) {
        return ratedPowerW * elapsedMs * (10_000 + POWER_TOLERANCE_BPS) / 36_000_000_000 + REGISTER_ROUNDING_WH;
    }

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

    /// @dev The caller must have committed to exactly this challenge in an earlier block; the
    ///      commitment is used up.
    function _reveal(uint256 submissionId, bytes32 evidenceHash, bytes32 salt) private {
        bytes32 commitment = commitmentOf(msg.sender, submissionId, evidenceHash, salt);
        uint256 at = committedAt[msg.sender][commitment];
        if (at == 0) revert NoCommitment(commitment);
        if (at >= block.number) revert RevealTooEarly(at);
        delete committedAt[msg.sender][commitment];
    }

    function _void(uint256 submissionId, address node, address device, Fraud reason) private {
        uint256 slashed = settlement.voidForFraud(submissionId, msg.sender);
        emit FraudProven(submissionId, node, msg.sender, device, reason, slashed);
    }

    function _pending(uint256 submissionId) private view returns (Settlement.Submission memory s) {
        s = settlement.getSubmission(submissionId);
        if (s.status != Settlement.Status.Pending) revert NotPending(submissionId, s.status);
    }

    /// @notice The delivery window of a submission in chain milliseconds, its direction
    ///         (contribution epochs count exports, Up) and how far readings may lie from its
    ///         edges (readingSlackMs of the submission's parameters): what readings are checked
    ///         against. Reverts UnknownSubmission (Settlement) for an unknown id.
    function windowOf(uint256 submissionId)
        public
        view
        returns (uint64 startMs, uint64 endMs, FlexibilityCoordinator.Direction direction, uint64 slackMs)
    {
        Settlement.Submission memory s = settlement.getSubmission(submissionId);
        Settlement.Params memory p = settlement.submissionParams(submissionId);
        slackMs = p.readingSlackMs;
        if (s.kind == Settlement.Kind.Request) {
            FlexibilityCoordinator.Award memory a = settlement.coordinator().getAward(s.subject, s.node);
            return (a.start * 1000, (a.start + a.duration) * 1000, a.direction, slackMs);
        }
        uint64 length = p.epochLength;
        uint64 epoch = uint64(s.subject);
        return (epoch * length * 1000, (epoch + 1) * length * 1000, FlexibilityCoordinator.Direction.Up, slackMs);
    }

    /// @dev A submission that is or may still be paid.
    function _counts(Settlement.Status status) private pure returns (bool) {
        return status == Settlement.Status.Pending || status == Settlement.Status.Finalized;
    }

    function _overlap(uint256 one, uint256 two) private view returns (bool) {
        (uint64 startA, uint64 endA,,) = windowOf(one);
        (uint64 startB, uint64 endB,,) = windowOf(two);
        return startA < endB && startB < endA;
    }

    function _checkReading(address device, bytes32 committed, SignedReading calldata signed) private view {
        if (signed.reading.device != device) revert ReadingDeviceMismatch(device, signed.reading.device);
        bytes32 digest = readingDigest(signed.reading);
        if (digest != committed) revert ReadingNotInLeaf(digest);
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, signed.signature);
        if (err != ECDSA.RecoverError.NoError || recovered != device) revert InvalidDeviceSignature(device, recovered);
    }

    function _fraud(
        uint256 submissionId,
        address node,
        Leaf calldata leaf,
        MeterReading calldata a,
        MeterReading calldata b
    ) private view returns (Fraud) {
        DeviceRegistry.Device memory device = deviceRegistry.getDevice(leaf.device);
        if (device.status == DeviceRegistry.Status.Unknown) return Fraud.UnknownDevice;
        (uint64 startMs, uint64 endMs, FlexibilityCoordinator.Direction direction, uint64 slack) =
            windowOf(submissionId);
        Fraud registry = _registryFraud(leaf, node, startMs / 1000, a, b);
        if (registry != Fraud.None) return registry;
        if (b.sequence <= a.sequence) return Fraud.SequenceNotIncreasing;
        if (b.timestampMs <= a.timestampMs) return Fraud.TimeNotIncreasing;
        if (b.importWh < a.importWh || b.exportWh < a.exportWh) return Fraud.RegisterDecreased;
        if (!_near(a.timestampMs, startMs, slack) || !_near(b.timestampMs, endMs, slack)) {
            return Fraud.ReadingOutsideWindow;
        }
        return _energyFraud(leaf, a, b, device.ratedPowerW, direction);
    }

    /// @dev The delivery must be what the registers show, and neither the registers' movement
    ///      nor the baseline (what the device would have done) may exceed the physical ceiling;
    ///      so a battery that truly swings from charging to discharging may deliver up to twice
    ///      the ceiling.
    function _energyFraud(
        Leaf calldata leaf,
        MeterReading calldata a,
        MeterReading calldata b,
        uint256 ratedPowerW,
        FlexibilityCoordinator.Direction direction
    ) private pure returns (Fraud) {
        int256 imported = int256(uint256(b.importWh - a.importWh));
        int256 exported = int256(uint256(b.exportWh - a.exportWh));
        int256 delivered =
            (direction == FlexibilityCoordinator.Direction.Up ? exported - imported : imported - exported) - leaf.baselineWh;
        if (delivered < 0) delivered = 0;
        if (uint256(delivered) != leaf.deliveredWh) return Fraud.DeliveryMismatch;
        uint256 ceiling = physicalCeilingWh(ratedPowerW, b.timestampMs - a.timestampMs);
        if (uint256(imported + exported) > ceiling) return Fraud.AboveRatedPower;
        int256 baseline = leaf.baselineWh;
        if (uint256(baseline < 0 ? -baseline : baseline) > ceiling) return Fraud.BaselineAboveRatedPower;
        return Fraud.None;
    }

    /// @dev What the registry recorded about the device at the window's start. An owner or node
    ///      of zero means none was recorded (an unbound or unassigned device): nothing provable.
    function _registryFraud(
        Leaf calldata leaf,
        address node,
        uint64 windowStart,
        MeterReading calldata a,
        MeterReading calldata b
    ) private view returns (Fraud) {
        (address owner, bool ownerKnown) = deviceRegistry.ownerAt(leaf.device, windowStart);
        if (ownerKnown && owner != address(0) && owner != leaf.owner) return Fraud.OwnerMismatch;
        (address assigned, bool nodeKnown) = deviceRegistry.nodeAt(leaf.device, windowStart);
        if (nodeKnown && assigned != address(0) && assigned != node) return Fraud.AssignedToAnotherNode;
        uint256 revokedMs = uint256(deviceRegistry.revokedAt(leaf.device)) * 1000;
        if (revokedMs != 0 && (a.timestampMs >= revokedMs || b.timestampMs >= revokedMs)) {
            return Fraud.ReadingAfterRevocation;
        }
        return Fraud.None;
    }

    function _near(uint256 t, uint256 edge, uint256 slack) private pure returns (bool) {
        return t + slack >= edge && t <= edge + slack;
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {FlexibilityCoordinator} from "./FlexibilityCoordinator.sol";
import {DeviceRegistry} from "./DeviceRegistry.sol";
import {NodeRegistry} from "./NodeRegistry.sol";

/// @title Evidence, attestation, voiding proven fraud and cumulative reward claims
/// @notice After delivering an award (or an energy-contribution epoch) a node posts one
///         evidence root: a StandardMerkleTree with one leaf per device holding the first and
///         last device-signed meter readings of the window (as EIP-712 digests), the baseline
///         and the delivered Wh. With it the node posts its new cumulative reward root: a
///         StandardMerkleTree of (owner, cumulative FLEX) over everything the node's owners have
///         earned so far, whose total must equal the previous total plus this payment minus the
///         attestor fee. A committee drawn stake-weighted from active nodes, seeded by a block
///         hash the node could not know when posting, checks the batch off-chain and signs; a
///         quorum of signatures plus an elapsed challenge window finalizes the root, which pays
///         the award from escrow into this contract and makes the reward root claimable. Until
///         then anyone can prove a leaf fraudulent with the two device-signed readings in the
///         FraudProofs contract, which has this contract void the root (voidForFraud), slash the
///         node and pay the challenger from the slash.
/// @dev A node's submissions form a chain (each names the one before it) and finalize in
///      order, so reward roots only ever grow. A proven fraud bumps the node's generation:
///      every pending submission of the older generation can no longer finalize and may be
///      posted again. Randomness and what only the committee can check: docs/adr/0006-settlement-committee-and-claims.md.
contract Settlement is AccessControl, ReentrancyGuard, EIP712 {
    using SafeERC20 for IERC20;

    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");
    /// @notice Upper bound on the committee size (bounds the gas of drawing and finalizing).
    uint8 public constant MAX_COMMITTEE = 16;
    /// @notice Draw attempts per seat before giving up (duplicates, the node itself and inactive
    ///         nodes are redrawn).
    uint256 private constant DRAWS_PER_SEAT = 4;
    /// @notice How often a lost seed (nobody drew within 256 blocks) moves to a new block before
    ///         the submission can only expire: bounds how many fresh draws a submitter that
    ///         withholds the draw can fish for.
    uint8 public constant MAX_RESEEDS = 2;

    bytes32 public constant ATTESTATION_TYPEHASH =
        keccak256("Attestation(uint256 submissionId,bytes32 evidenceRoot,bytes32 rewardRoot)");

    enum Kind {
        Request,
        Epoch
    }

    /// @notice Voided: proven fraudulent, final. Expired: could not finalize (superseded after a
    ///         fraud or expiry, award unpayable, seed lost) and may be posted again while time
    ///         allows.
    enum Status {
        None,
        Pending,
        Finalized,
        Voided,
        Expired
    }

    /// @notice Why a pending submission was expired (SubmissionExpired.reason).
    enum Expiry {
        Superseded,
        SettlementClosed,
        SeedLost
    }

    struct Params {
        uint8 committeeSize;
        uint8 quorum;
        uint16 attestorFeeBps;
        uint64 challengeWindow;
        uint64 evidencePeriod;
        uint64 readingSlackMs;
        uint64 epochLength;
        uint128 fraudSlash;
        uint128 contributionPricePerKWh;
    }

    /// @notice What a node posts for one request or epoch.
    struct Evidence {
        bytes32 evidenceRoot;
        bytes32 rewardRoot;
        uint128 rewardTotal;
        uint64 deliveredWh;
        uint32 deviceCount;
    }

    struct Submission {
        address node;
        Kind kind;
        Status status;
        uint32 prev;
        uint32 generation;
        uint64 postedAt;
        uint64 seedBlock;
        uint64 deliveredWh;
        uint32 deviceCount;
        uint8 attestations;
        uint8 reseeds;
        uint256 subject;
        bytes32 evidenceRoot;
        bytes32 rewardRoot;
        uint128 payment;
        uint128 rewardTotal;
        bytes32 committeeHash;
    }

    /// @notice Per node: the chain of submissions and the claimable reward root.
    struct NodeRewards {
        uint32 tip;
        uint32 lastFinalized;
        uint32 generation;
        uint128 tipTotal;
        bytes32 claimRoot;
        uint128 claimTotal;
        uint128 claimedTotal;
    }

    struct Claim {
        address node;
        address owner;
        uint256 cumulativeAmount;
        bytes32[] proof;
    }

    IERC20 public immutable token;
    FlexibilityCoordinator public immutable coordinator;
    NodeRegistry public immutable nodeRegistry;
    DeviceRegistry public immutable deviceRegistry;

    Params private _params;
    /// @notice FLEX set aside to pay energy contributions (anyone can fund it).
    uint256 public contributionPool;
    /// @notice Attestor fees credited, paid by withdrawFees.
    mapping(address attestor => uint256) public fees;

    Submission[] private _submissions; // index 0 is a sentinel so that 0 means "none"
    mapping(bytes32 subjectKey => mapping(address node => uint32)) private _submissionOf;
    mapping(address node => NodeRewards) private _rewards;
    mapping(address node => mapping(address owner => uint256)) private _claimed;
    /// @notice The FraudProofs contract, the only caller of voidForFraud; set once by the admin.
    address public fraudProofs;

    event EvidenceSubmitted(
        uint256 indexed submissionId,
        address indexed node,
        Kind kind,
        uint256 indexed subject,
        bytes32 evidenceRoot,
        bytes32 rewardRoot,
        uint128 rewardTotal,
        uint64 deliveredWh,
        uint32 deviceCount,
        uint128 payment,
        uint64 seedBlock
    );
    event CommitteeDrawn(uint256 indexed submissionId, bytes32 seed, address[] committee);
    event CommitteeReseeded(uint256 indexed submissionId, uint64 seedBlock);
    event SubmissionExpired(uint256 indexed submissionId, address indexed node, Expiry reason);
    event Finalized(uint256 indexed submissionId, address indexed node, uint8 attestations, uint128 payment, uint128 fee);
    event FraudVoided(uint256 indexed submissionId, address indexed node, address indexed challenger, uint256 slashed);
    event FraudProofsSet(address fraudProofs);
    event RewardClaimed(address indexed node, address indexed owner, uint256 amount, uint256 cumulativeAmount);
    event FeesWithdrawn(address indexed attestor, uint256 amount);
    event ContributionsFunded(address indexed from, uint256 amount);
    event ParamsChanged(Params params);

    error ZeroAddress();
    error InvalidParams(string reason);
    error InvalidEvidence(string reason);
    error NoAward(uint256 requestId, address node);
    error NotActive(address node);
    error WindowNotEnded(uint64 end, uint64 now_);
    error EvidenceTooLate(uint64 deadline, uint64 now_);
    error AlreadySubmitted(uint256 submissionId);
    error RewardTotalMismatch(uint256 expected, uint256 actual);
    error ContributionPoolTooSmall(uint256 needed, uint256 available);
    error UnknownSubmission(uint256 submissionId);
    error NotPending(uint256 submissionId, Status status);
    error SeedNotReady(uint64 seedBlock);
    error CommitteeAlreadyDrawn(uint256 submissionId);
    error CommitteeNotDrawn(uint256 submissionId);
    error CommitteeMismatch(uint256 submissionId);
    error NoEligibleAttestors(uint256 submissionId);
    error SeedLost(uint256 submissionId);
    error NotExpirable(uint256 submissionId);
    error ChallengeWindowOpen(uint64 closesAt, uint64 now_);
    error PredecessorNotFinal(uint256 submissionId, uint256 prev);
    error NotCommitteeMember(address signer);
    error DuplicateAttestation(address signer);
    error QuorumNotReached(uint256 attestations, uint256 quorum);
    error InvalidProof();
    error NothingToClaim(address node, address owner);
    error RewardPoolExceeded(address node, uint256 needed, uint256 available);
    error NothingToWithdraw(address attestor);
    error NotFraudProofs(address caller);
    error FraudProofsAlreadySet(address fraudProofs);

    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE
    constructor(
        address admin,
        IERC20 token_,
        FlexibilityCoordinator coordinator_,
        NodeRegistry nodeRegistry_,
        DeviceRegistry deviceRegistry_,
        Params memory params_
    ) EIP712("OpenVPP Settlement", "1") {
        if (
            admin == address(0) || address(token_) == address(0) || address(coordinator_) == address(0)
                || address(nodeRegistry_) == address(0) || address(deviceRegistry_) == address(0)
        ) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        token = token_;
        coordinator = coordinator_;
        nodeRegistry = nodeRegistry_;
        deviceRegistry = deviceRegistry_;
        _setParams(params_);
        _submissions.push(); // sentinel
    }

    // ------------------------------------------------------------- evidence

    /// @notice Posts the evidence and new cumulative reward root for the caller's award in
    ///         `requestId`, after the delivery window ended and within the evidence period.
    /// @return submissionId id of the submission
    function submitEvidence(uint256 requestId, Evidence calldata e) external returns (uint256 submissionId) {
        FlexibilityCoordinator.Award memory a = coordinator.getAward(requestId, msg.sender);
        if (a.awardedW == 0 || a.settled) revert NoAward(requestId, msg.sender);
        uint64 end = a.start + a.duration;
        if (_isRepost(Kind.Request, requestId)) {
            // A root invalidated by someone else's fraud or an expiry may be posted again for as
            // long as the award can still be paid.
            uint64 deadline = coordinator.settlementDeadline(requestId);
            if (block.timestamp >= deadline) revert EvidenceTooLate(deadline, uint64(block.timestamp));
        } else {
            _checkEvidenceTime(end);
        }
        uint256 payment = coordinator.paymentFor(a.awardedW, a.duration, a.clearingPrice, e.deliveredWh);
        return _submit(Kind.Request, requestId, e, payment);
    }

    /// @notice Posts the evidence of energy exported during contribution epoch `epoch` (epoch
    ///         i spans [i × epochLength, (i + 1) × epochLength) in chain time), paid from the
    ///         contribution pool at contributionPricePerKWh. The payment is reserved at once.
    function submitContribution(uint64 epoch, Evidence calldata e) external returns (uint256 submissionId) {
        if (!nodeRegistry.isActive(msg.sender)) revert NotActive(msg.sender);
        Params memory p = _params;
        uint64 end = (epoch + 1) * p.epochLength;
        if (!_isRepost(Kind.Epoch, epoch)) _checkEvidenceTime(end);
        uint256 payment = uint256(e.deliveredWh) * p.contributionPricePerKWh / 1000;
        if (payment > contributionPool) revert ContributionPoolTooSmall(payment, contributionPool);
        contributionPool -= payment;
        return _submit(Kind.Epoch, epoch, e, payment);
    }

    /// @notice Draws the attestation committee of a submission from the hash of its seed block
    ///         (the block after the one it was posted in); anyone may call once that block is
    ///         mined. If more than 256 blocks passed and the hash is gone, the seed moves to the
    ///         next block instead and the call must be repeated.
    function drawCommittee(uint256 submissionId) external returns (address[] memory committee) {
        Submission storage s = _pending(submissionId);
        if (s.committeeHash != bytes32(0)) revert CommitteeAlreadyDrawn(submissionId);
        if (block.number <= s.seedBlock) revert SeedNotReady(s.seedBlock);
        bytes32 blockHash = blockhash(s.seedBlock);
        if (blockHash == bytes32(0)) {
            if (s.reseeds >= MAX_RESEEDS) revert SeedLost(submissionId);
            s.reseeds += 1;
            s.seedBlock = uint64(block.number) + 1;
            emit CommitteeReseeded(submissionId, s.seedBlock);
            return committee;
        }
        bytes32 seed = keccak256(abi.encode(blockHash, submissionId));
        committee = _draw(seed, s.node);
        // Nothing is stored for an empty draw, so it can be repeated once nodes are active again.
        if (committee.length == 0) revert NoEligibleAttestors(submissionId);
        s.committeeHash = keccak256(abi.encode(committee));
        emit CommitteeDrawn(submissionId, seed, committee);
    }

    /// @notice Finalizes a submission with its committee's EIP-712 Attestation signatures once
    ///         the challenge window has closed and its predecessor is final: pays the award into
    ///         this contract, credits the attestor fee to the signers and makes the reward root
    ///         claimable.
    /// @param committee the committee as emitted by CommitteeDrawn
    /// @param signatures at least min(quorum, committee size) signatures of distinct members
    function finalize(uint256 submissionId, address[] calldata committee, bytes[] calldata signatures)
        external
        nonReentrant
    {
        Submission storage s = _pending(submissionId);
        if (s.committeeHash == bytes32(0)) revert CommitteeNotDrawn(submissionId);
        if (keccak256(abi.encode(committee)) != s.committeeHash) revert CommitteeMismatch(submissionId);
        uint64 closesAt = s.postedAt + _params.challengeWindow;
        if (block.timestamp < closesAt) revert ChallengeWindowOpen(closesAt, uint64(block.timestamp));
        NodeRewards storage nr = _rewards[s.node];
        if (s.generation != nr.generation || s.prev != nr.lastFinalized) {
            revert PredecessorNotFinal(submissionId, s.prev);
        }
        address[] memory signers = _verifyAttestations(submissionId, s, committee, signatures);

        // effects. The owners' share was fixed at submission (rewardTotal − predecessor's total),
        // so the fee is what is left of the payment, whatever the fee parameter is now.
        uint128 fee = s.payment - (s.rewardTotal - nr.claimTotal);
        s.status = Status.Finalized;
        s.attestations = uint8(signers.length);
        nr.lastFinalized = uint32(submissionId);
        nr.claimRoot = s.rewardRoot;
        nr.claimTotal = s.rewardTotal;
        if (fee > 0) {
            uint256 share = fee / signers.length;
            for (uint256 i = 0; i < signers.length; i++) {
                fees[signers[i]] += share;
            }
            fees[signers[0]] += fee - share * signers.length;
        }
        emit Finalized(submissionId, s.node, uint8(signers.length), s.payment, fee);

        // interactions: the coordinator pays the award (epochs were reserved at submission)
        if (s.kind == Kind.Request) {
            coordinator.settleAward(s.subject, s.node, s.deliveredWh);
        }
    }

    // ------------------------------------------------------------- challenge

    /// @notice Voids a pending submission proven fraudulent by the FraudProofs contract (the only
    ///         caller): the node's pending chain is reset, a reserved contribution payment goes
    ///         back to the pool, the node is slashed by fraudSlash to `challenger` and an award
    ///         is closed unpaid (the requester's escrow is refunded).
    /// @return slashed the FLEX actually taken from the node
    function voidForFraud(uint256 submissionId, address challenger) external nonReentrant returns (uint256 slashed) {
        if (msg.sender != fraudProofs) revert NotFraudProofs(msg.sender);
        Submission storage s = _pending(submissionId);

        // effects
        address node = s.node;
        s.status = Status.Voided;
        _resetChain(_rewards[node]);
        if (s.kind == Kind.Epoch) contributionPool += s.payment;

        // interactions
        slashed = nodeRegistry.slash(node, _params.fraudSlash);
        if (slashed > 0) token.safeTransfer(challenger, slashed);
        emit FraudVoided(submissionId, node, challenger, slashed);
        if (s.kind == Kind.Request) coordinator.settleAward(s.subject, node, 0);
    }

    /// @notice Voids a pending submission that can never finalize, so it stops blocking the
    ///         node's later submissions and frees a reserved contribution payment; anyone may
    ///         call. Expirable: a submission of an older generation (after a fraud), one whose
    ///         award can no longer be paid (past the coordinator's settlement deadline), and one
    ///         whose committee seed was lost MAX_RESEEDS times. Expiring a current-generation
    ///         submission bumps the node's generation like a fraud does (without a slash): its
    ///         later pending submissions must be posted again, which stays possible until their
    ///         award's settlement deadline.
    function expire(uint256 submissionId) external {
        Submission storage s = _pending(submissionId);
        NodeRewards storage nr = _rewards[s.node];
        Expiry reason;
        if (s.generation != nr.generation) {
            reason = Expiry.Superseded;
        } else if (s.kind == Kind.Request && block.timestamp >= coordinator.settlementDeadline(s.subject)) {
            reason = Expiry.SettlementClosed;
        } else if (
            s.committeeHash == bytes32(0) && s.reseeds >= MAX_RESEEDS && block.number > s.seedBlock
                && blockhash(s.seedBlock) == bytes32(0)
        ) {
            reason = Expiry.SeedLost;
        } else {
            revert NotExpirable(submissionId);
        }
        s.status = Status.Expired;
        if (s.kind == Kind.Epoch) contributionPool += s.payment;
        if (reason != Expiry.Superseded) _resetChain(nr);
        emit SubmissionExpired(submissionId, s.node, reason);
    }

    // ----------------------------------------------------------------- claims

    /// @notice Pays `owner` what the node's finalized reward root credits it beyond what it has
    ///         claimed from that node so far. Anyone may submit; the FLEX goes to the owner.
    function claim(address node, address owner, uint256 cumulativeAmount, bytes32[] calldata proof)
        external
        nonReentrant
        returns (uint256 amount)
    {
        amount = _claim(node, owner, cumulativeAmount, proof);
        token.safeTransfer(owner, amount);
    }

    /// @notice Several claims in one transaction (for example one owner across nodes, or a node
    ///         paying out all its owners).
    function claimMany(Claim[] calldata claims) external nonReentrant returns (uint256 total) {
        uint256[] memory amounts = new uint256[](claims.length);
        for (uint256 i = 0; i < claims.length; i++) {
            Claim calldata c = claims[i];
            amounts[i] = _claim(c.node, c.owner, c.cumulativeAmount, c.proof);
            total += amounts[i];
        }
        for (uint256 i = 0; i < claims.length; i++) {
            token.safeTransfer(claims[i].owner, amounts[i]);
        }
    }

    /// @notice Pays the caller its attestor fees.
    function withdrawFees() external nonReentrant {
        uint256 amount = fees[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        fees[msg.sender] = 0;
        emit FeesWithdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Adds FLEX to the contribution pool (pulled with transferFrom).
    function fundContributions(uint256 amount) external nonReentrant {
        contributionPool += amount;
        emit ContributionsFunded(msg.sender, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Sets the FraudProofs contract allowed to call voidForFraud. Once, by the admin.
    function setFraudProofs(address fraudProofs_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (fraudProofs_ == address(0)) revert ZeroAddress();
        if (fraudProofs != address(0)) revert FraudProofsAlreadySet(fraudProofs);
        fraudProofs = fraudProofs_;
        emit FraudProofsSet(fraudProofs_);
    }

    function setParams(Params calldata params_) external onlyRole(GOVERNANCE_ROLE) {
        _setParams(params_);
    }

    // ----------------------------------------------------------------- reads

    function params() external view returns (Params memory) {
        return _params;
    }

    function getSubmission(uint256 submissionId) external view returns (Submission memory) {
        if (submissionId == 0 || submissionId >= _submissions.length) revert UnknownSubmission(submissionId);
        return _submissions[submissionId];
    }

    function submissionCount() external view returns (uint256) {
        return _submissions.length - 1;
    }

    /// @notice The submission of `node` for a request (kind Request) or epoch (kind Epoch), 0 if none.
    function submissionOf(Kind kind, uint256 subject, address node) external view returns (uint256) {
        return _submissionOf[_subjectKey(kind, subject)][node];
    }

    function nodeRewards(address node) external view returns (NodeRewards memory) {
        return _rewards[node];
    }

    function claimed(address node, address owner) external view returns (uint256) {
        return _claimed[node][owner];
    }

    /// @notice The committee a seed would draw for `node` with today's stakes (what
    ///         drawCommittee stores), for attestors and tools.
    function previewCommittee(bytes32 seed, address node) external view returns (address[] memory) {
        return _draw(seed, node);
    }

    /// @notice EIP-712 digest a committee member signs for a submission.
    function attestationDigest(uint256 submissionId) public view returns (bytes32) {
        Submission storage s = _submissions[submissionId];
        return _hashTypedDataV4(keccak256(abi.encode(ATTESTATION_TYPEHASH, submissionId, s.evidenceRoot, s.rewardRoot)));
    }

    /// @notice The delivery window of a submission in chain milliseconds, its direction
    ///         (contribution epochs count exports, Up) and how far readings may lie from its
    ///         edges (readingSlackMs): what FraudProofs checks readings against.
    function windowOf(uint256 submissionId)
        external
        view
        returns (uint64 startMs, uint64 endMs, FlexibilityCoordinator.Direction direction, uint64 slackMs)
    {
        if (submissionId == 0 || submissionId >= _submissions.length) revert UnknownSubmission(submissionId);
        Submission storage s = _submissions[submissionId];
        slackMs = _params.readingSlackMs;
        if (s.kind == Kind.Request) {
            FlexibilityCoordinator.Award memory a = coordinator.getAward(s.subject, s.node);
            return (a.start * 1000, (a.start + a.duration) * 1000, a.direction, slackMs);
        }
        uint64 length = _params.epochLength;
        uint64 epoch = uint64(s.subject);
        return (epoch * length * 1000, (epoch + 1) * length * 1000, FlexibilityCoordinator.Direction.Up, slackMs);
    }

    /// @notice StandardMerkleTree leaf hash of a reward leaf (address owner, uint256 cumulative).
    function rewardLeaf(address owner, uint256 cumulativeAmount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(owner, cumulativeAmount))));
    }

    /// @notice The owners' share of a payment: the payment minus the attestor fee.
    function ownerShare(uint256 payment) public view returns (uint256) {
        return payment - _fee(uint128(payment));
    }

    // -------------------------------------------------------------- internal

    function _submit(Kind kind, uint256 subject, Evidence calldata e, uint256 payment)
        private
        returns (uint256 submissionId)
    {
        if (e.evidenceRoot == bytes32(0) || e.rewardRoot == bytes32(0)) revert InvalidEvidence("zero root");
        if (e.deviceCount == 0) revert InvalidEvidence("no devices");
        NodeRewards storage nr = _rewards[msg.sender];
        bytes32 key = _subjectKey(kind, subject);
        uint32 existing = _submissionOf[key][msg.sender];
        if (existing != 0) {
            Submission storage old = _submissions[existing];
            if (old.generation == nr.generation || old.status == Status.Finalized || old.status == Status.Voided) {
                revert AlreadySubmitted(existing);
            }
            if (old.status == Status.Pending) {
                old.status = Status.Expired;
                if (kind == Kind.Epoch) contributionPool += old.payment;
            }
        }
        uint256 expected = nr.tipTotal + ownerShare(payment);
        if (e.rewardTotal != expected) revert RewardTotalMismatch(expected, e.rewardTotal);

        submissionId = _submissions.length;
        _submissions.push(
            Submission({
                node: msg.sender,
                kind: kind,
                status: Status.Pending,
                prev: nr.tip,
                generation: nr.generation,
                postedAt: uint64(block.timestamp),
                seedBlock: uint64(block.number) + 1,
                deliveredWh: e.deliveredWh,
                deviceCount: e.deviceCount,
                attestations: 0,
                reseeds: 0,
                subject: subject,
                evidenceRoot: e.evidenceRoot,
                rewardRoot: e.rewardRoot,
                payment: uint128(payment),
                rewardTotal: e.rewardTotal,
                committeeHash: bytes32(0)
            })
        );
        _submissionOf[key][msg.sender] = uint32(submissionId);
        nr.tip = uint32(submissionId);
        nr.tipTotal = e.rewardTotal;
        emit EvidenceSubmitted(
            submissionId,
            msg.sender,
            kind,
            subject,
            e.evidenceRoot,
            e.rewardRoot,
            e.rewardTotal,
            e.deliveredWh,
            e.deviceCount,
            uint128(payment),
            uint64(block.number) + 1
        );
    }

    /// @dev Pending submissions of the current generation stop counting; the chain continues
    ///      from the last final root.
    function _resetChain(NodeRewards storage nr) private {
        nr.generation += 1;
        nr.tip = nr.lastFinalized;
        nr.tipTotal = nr.claimTotal;
    }

    function _checkEvidenceTime(uint64 end) private view {
        if (block.timestamp < end) revert WindowNotEnded(end, uint64(block.timestamp));
        uint64 deadline = end + _params.evidencePeriod;
        if (block.timestamp >= deadline) revert EvidenceTooLate(deadline, uint64(block.timestamp));
    }

    /// @dev True when the caller already has a submission for the subject that can no longer
    ///      finalize and was not proven fraudulent (older generation, pending or expired).
    function _isRepost(Kind kind, uint256 subject) private view returns (bool) {
        uint32 existing = _submissionOf[_subjectKey(kind, subject)][msg.sender];
        if (existing == 0) return false;
        Submission storage old = _submissions[existing];
        return old.generation != _rewards[msg.sender].generation
            && (old.status == Status.Pending || old.status == Status.Expired);
    }

    /// @dev Stake-weighted draw without replacement; skips the node itself and inactive nodes.
    function _draw(bytes32 seed, address node) private view returns (address[] memory committee) {
        uint256 seats = _params.committeeSize;
        address[] memory chosen = new address[](seats);
        uint256 count;
        uint256 total = nodeRegistry.totalStake();
        for (uint256 attempt = 0; total > 0 && count < seats && attempt < seats * DRAWS_PER_SEAT; attempt++) {
            uint256 point = uint256(keccak256(abi.encode(seed, attempt))) % total;
            address candidate = nodeRegistry.sampleByStake(point);
            if (candidate == node || !nodeRegistry.isActive(candidate) || _contains(chosen, count, candidate)) {
                continue;
            }
            chosen[count++] = candidate;
        }
        committee = new address[](count);
        for (uint256 i = 0; i < count; i++) {
            committee[i] = chosen[i];
        }
    }

    function _verifyAttestations(
        uint256 submissionId,
        Submission storage s,
        address[] calldata committee,
        bytes[] calldata signatures
    ) private view returns (address[] memory signers) {
        uint256 quorum = _params.quorum < committee.length ? _params.quorum : committee.length;
        if (quorum == 0 || signatures.length < quorum) revert QuorumNotReached(signatures.length, quorum);
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(ATTESTATION_TYPEHASH, submissionId, s.evidenceRoot, s.rewardRoot)));
        signers = new address[](signatures.length);
        uint256 seen; // bitmap over committee positions
        for (uint256 i = 0; i < signatures.length; i++) {
            address signer = ECDSA.recover(digest, signatures[i]);
            uint256 position = _indexOf(committee, signer);
            if (position == type(uint256).max) revert NotCommitteeMember(signer);
            if (seen & (1 << position) != 0) revert DuplicateAttestation(signer);
            seen |= 1 << position;
            signers[i] = signer;
        }
    }

    function _claim(address node, address owner, uint256 cumulativeAmount, bytes32[] calldata proof)
        private
        returns (uint256 amount)
    {
        NodeRewards storage nr = _rewards[node];
        if (!MerkleProof.verifyCalldata(proof, nr.claimRoot, rewardLeaf(owner, cumulativeAmount))) {
            revert InvalidProof();
        }
        uint256 already = _claimed[node][owner];
        if (cumulativeAmount <= already) revert NothingToClaim(node, owner);
        amount = cumulativeAmount - already;
        uint256 available = nr.claimTotal - nr.claimedTotal;
        if (amount > available) revert RewardPoolExceeded(node, amount, available);
        _claimed[node][owner] = cumulativeAmount;
        nr.claimedTotal += uint128(amount);
        emit RewardClaimed(node, owner, amount, cumulativeAmount);
    }

    function _fee(uint128 payment) private view returns (uint128) {
        return uint128(uint256(payment) * _params.attestorFeeBps / 10_000);
    }

    function _pending(uint256 submissionId) private view returns (Submission storage s) {
        if (submissionId == 0 || submissionId >= _submissions.length) revert UnknownSubmission(submissionId);
        s = _submissions[submissionId];
        if (s.status != Status.Pending) revert NotPending(submissionId, s.status);
    }

    function _subjectKey(Kind kind, uint256 subject) private pure returns (bytes32) {
        return keccak256(abi.encode(kind, subject));
    }

    function _setParams(Params memory p) private {
        if (p.committeeSize == 0 || p.committeeSize > MAX_COMMITTEE) revert InvalidParams("committeeSize");
        if (p.quorum == 0 || p.quorum > p.committeeSize) revert InvalidParams("quorum");
        if (p.attestorFeeBps > 10_000) revert InvalidParams("attestorFeeBps");
        if (p.epochLength == 0) revert InvalidParams("epochLength");
        _params = p;
        emit ParamsChanged(p);
    }

    function _contains(address[] memory list, uint256 count, address who) private pure returns (bool) {
        for (uint256 i = 0; i < count; i++) {
            if (list[i] == who) return true;
        }
        return false;
    }

    function _indexOf(address[] calldata list, address who) private pure returns (uint256) {
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == who) return i;
        }
        return type(uint256).max;
    }
}

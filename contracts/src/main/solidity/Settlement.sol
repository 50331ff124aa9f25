// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
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
contract Settlement is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");
    /// @notice Upper bound on the committee size (bounds the gas of drawing and finalizing).
    uint8 public constant MAX_COMMITTEE = 16;
    /// @notice How often a committee that did not reach its quorum within attestationTimeout (or
    ///         could not be drawn: too few eligible nodes, or a seed lost because nobody drew
    ///         within 256 blocks) is replaced by a fresh draw before the submission can only
    ///         expire: bounds how many fresh draws a submitter that withholds the draw or the
    ///         signatures can fish for.
    uint8 public constant MAX_REDRAWS = 2;
    /// @notice Upper bound on every period parameter, so sums of periods never overflow.
    uint64 private constant MAX_PERIOD = 365 days;

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
        SeedLost, // no longer used: a lost seed is redrawn, then times out
        AttestationTimeout
    }

    /// @notice Which parameter setParams refused (InvalidParams).
    enum ParamsField {
        CommitteeSize,
        Quorum,
        AttestorFeeBps,
        EpochLength,
        AttestationTimeout,
        ChallengerShareBps,
        PeriodTooLong,
        PeriodsExceedSettlementPeriod
    }

    /// @notice What is wrong with posted evidence (InvalidEvidence).
    enum EvidenceFault {
        ZeroRoot,
        NoDevices
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
        uint64 attestationTimeout;
        uint128 attestorSlash;
        /// @dev Share of a fraud slash paid to the challenger, below 10,000 so that challenging
        ///      one's own fraud always loses the rest (to the requester, or back to the pool).
        uint16 challengerShareBps;
    }

    /// @notice What a node posts for one request or epoch.
    struct Evidence {
        bytes32 evidenceRoot;
        bytes32 rewardRoot;
        uint128 rewardTotal;
        uint64 deliveredWh;
        uint32 deviceCount;
    }

    /// @dev snapshotBlock: the block whose end-of-block stakes the committee is drawn over (the
    ///      posting block, or the block of the last redraw), always before seedBlock exists.
    ///      roundStart: when the current committee round began (posting or last redraw); the
    ///      attestation timeout runs from it. attestedAt: when the quorum was first recorded (0
    ///      before); the challenge window runs from it. signed: bitmap over committee positions of
    ///      the recorded attestations. paramsVersion: the parameters in force at posting.
    struct Submission {
        address node;
        Kind kind;
        Status status;
        uint32 prev;
        uint32 generation;
        uint8 redraws;
        uint64 postedAt;
        uint64 seedBlock;
        uint64 deliveredWh;
        uint32 paramsVersion;
        uint64 snapshotBlock;
        uint64 roundStart;
        uint64 attestedAt;
        uint16 signed;
        uint8 attestations;
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

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private immutable _domainSeparator;
    uint256 private immutable _domainChainId;
    IERC20 public immutable token;
    FlexibilityCoordinator public immutable coordinator;
    NodeRegistry public immutable nodeRegistry;
    DeviceRegistry public immutable deviceRegistry;

    /// @dev Every parameter version ever set; the last is in force now, and a submission keeps
    ///      the version it was posted under.
    Params[] private _paramsHistory;
    /// @notice FLEX set aside to pay energy contributions (anyone can fund it).
    uint256 public contributionPool;
    /// @notice Attestor fees credited, paid by withdrawFees.
    mapping(address attestor => uint256) public fees;
    /// @notice Requesters' shares of fraud slashes credited, paid by withdrawCredits.
    mapping(address requester => uint256) public credits;

    Submission[] private _submissions; // index 0 is a sentinel so that 0 means "none"
    mapping(bytes32 subjectKey => mapping(address node => uint32)) private _submissionOf;
    mapping(address node => NodeRewards) private _rewards;
    mapping(address node => mapping(address owner => uint256)) private _claimed;
    /// @dev The recorded attestors of a submission's current committee, in recording order.
    mapping(uint256 submissionId => address[]) private _attestors;
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
    event CommitteeRedrawn(uint256 indexed submissionId, uint64 seedBlock, uint64 snapshotBlock, uint8 redraws);
    event Attested(uint256 indexed submissionId, address indexed attestor);
    event QuorumReached(uint256 indexed submissionId, uint64 attestedAt);
    event AttestorSlashed(uint256 indexed submissionId, address indexed attestor, uint256 amount);
    event SubmissionExpired(uint256 indexed submissionId, address indexed node, Expiry reason);
    event Finalized(uint256 indexed submissionId, address indexed node, uint8 attestations, uint128 payment, uint128 fee);
    event FraudVoided(
        uint256 indexed submissionId, address indexed node, address indexed challenger, uint256 slashed, uint256 challengerShare
    );
    event SlashCredited(address indexed requester, uint256 amount);
    event CreditsWithdrawn(address indexed requester, uint256 amount);
    event FraudProofsSet(address fraudProofs);
    event RewardClaimed(address indexed node, address indexed owner, uint256 amount, uint256 cumulativeAmount);
    event FeesWithdrawn(address indexed attestor, uint256 amount);
    event ContributionsFunded(address indexed from, uint256 amount);
    event ParamsChanged(uint32 indexed version, Params params);

    error ZeroAddress();
    error InvalidParams(ParamsField field);
    error InvalidEvidence(EvidenceFault fault);
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
    error QuorumNotReached(uint256 attestations, uint256 quorum);
    error AttestationTimeoutRunning(uint64 endsAt, uint64 now_);
    error AlreadyAttested(uint256 submissionId);
    error RedrawsExhausted(uint256 submissionId);
    error DeliveryAboveCapacity(uint256 capacityWh, uint64 deliveredWh);
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
    ) {
        _domainChainId = block.chainid;
        _domainSeparator = _buildDomainSeparator();
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
        _setParams(params_, coordinator_.parameters().settlementPeriod);
        _submissions.push(); // sentinel
    }

    // ------------------------------------------------------------- evidence

    /// @notice Posts the evidence and new cumulative reward root for the caller's award in
    ///         `requestId`, after the delivery window ended and within the evidence period.
    /// @return submissionId id of the submission
    function submitEvidence(uint256 requestId, Evidence calldata e) external returns (uint256 submissionId) {
        _requireActive();
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
    ///         contribution pool at contributionPricePerKWh. The payment is reserved at once. The
    ///         delivered energy cannot exceed what the devices could physically export in an
    ///         epoch: min(deviceCount, devices the node manages) × the largest rated power of any
    ///         model × epochLength.
    function submitContribution(uint64 epoch, Evidence calldata e) external returns (uint256 submissionId) {
        _requireActive();
        Params storage p = _current();
        uint64 end = (epoch + 1) * p.epochLength;
        if (!_isRepost(Kind.Epoch, epoch)) _checkEvidenceTime(end);
        // No more than the devices could physically export: each at the largest rated power of
        // any model for the whole epoch.
        uint256 devices = deviceRegistry.managedDevices(msg.sender);
        if (e.deviceCount < devices) devices = e.deviceCount;
        uint256 capacityWh = devices * deviceRegistry.maxRatedPowerW() * p.epochLength / 3600;
        if (e.deliveredWh > capacityWh) revert DeliveryAboveCapacity(capacityWh, e.deliveredWh);
        uint256 payment = uint256(e.deliveredWh) * p.contributionPricePerKWh / 1000;
        if (payment > contributionPool) revert ContributionPoolTooSmall(payment, contributionPool);
        contributionPool -= payment;
        return _submit(Kind.Epoch, epoch, e, payment);
    }

    /// @notice Draws the attestation committee of a submission from the hash of its seed block
    ///         (the block after the one it was posted in, or after its last redraw), over the
    ///         stakes as of the end of its snapshot block, which was final before the seed
    ///         existed; anyone may call once the seed block is mined. A draw that seats fewer than
    ///         `quorum` members stores nothing (NoEligibleAttestors): the submission then waits
    ///         for a redraw or expiry, as it does when more than 256 blocks passed and the seed's
    ///         hash is gone (SeedLost).
    function drawCommittee(uint256 submissionId) external returns (address[] memory committee) {
        Submission storage s = _pending(submissionId);
        if (s.committeeHash != bytes32(0)) revert CommitteeAlreadyDrawn(submissionId);
        if (block.number <= s.seedBlock) revert SeedNotReady(s.seedBlock);
        bytes32 blockHash = blockhash(s.seedBlock);
        // Nobody drew within 256 blocks: the submission waits for a redraw.
        if (blockHash == bytes32(0)) revert SeedLost(submissionId);
        bytes32 seed = keccak256(abi.encode(blockHash, submissionId));
        Params storage p = _paramsHistory[s.paramsVersion];
        committee = nodeRegistry.drawAt(seed, s.node, s.snapshotBlock, p.committeeSize);
        if (committee.length < p.quorum) revert NoEligibleAttestors(submissionId);
        s.committeeHash = keccak256(abi.encode(committee));
        emit CommitteeDrawn(submissionId, seed, committee);
    }

    /// @notice Replaces a committee that did not reach its quorum within attestationTimeout
    ///         (or could not be drawn at all) by a fresh draw: the seed moves to the next block
    ///         and the stake snapshot to this one; the attestations recorded so far are dropped.
    ///         Anyone may call, at most MAX_REDRAWS times per submission; after that the
    ///         submission expires (AttestationTimeout).
    function redraw(uint256 submissionId) external {
        Submission storage s = _pending(submissionId);
        if (s.attestedAt != 0) revert AlreadyAttested(submissionId);
        _checkTimedOut(s);
        if (s.redraws >= MAX_REDRAWS) revert RedrawsExhausted(submissionId);
        s.redraws += 1;
        s.signed = 0;
        s.attestations = 0;
        s.committeeHash = bytes32(0);
        s.snapshotBlock = uint64(block.number);
        s.seedBlock = uint64(block.number) + 1;
        s.roundStart = uint64(block.timestamp);
        emit CommitteeRedrawn(submissionId, s.seedBlock, s.snapshotBlock, s.redraws);
        _release(submissionId, address(0));
    }

    /// @notice Records committee members' EIP-712 Attestation signatures of a submission; anyone
    ///         may post them, and more may be added later (members already recorded are skipped).
    ///         Each recorded attestor's stake stays locked (an obligation) until the submission
    ///         ends, and is slashed by attestorSlash if the root is proven fraudulent. The first
    ///         time `quorum` members are recorded the challenge window starts (QuorumReached).
    /// @param committee the committee as emitted by CommitteeDrawn
    function attest(uint256 submissionId, address[] calldata committee, bytes[] calldata signatures) external {
        Submission storage s = _pending(submissionId);
        _checkCommittee(submissionId, s, committee);
        bytes32 digest = attestationDigest(submissionId);
        uint256 signed = s.signed;
        uint256 count = s.attestations;
        address[] storage attestors = _attestors[submissionId];
        uint256 before = attestors.length;
        for (uint256 i = 0; i < signatures.length; i++) {
            address signer = ECDSA.recover(digest, signatures[i]);
            uint256 position = _indexOf(committee, signer);
            if (position == type(uint256).max) revert NotCommitteeMember(signer);
            if (signed & (1 << position) != 0) continue;
            signed |= 1 << position;
            count += 1;
            attestors.push(signer);
            emit Attested(submissionId, signer);
        }
        s.signed = uint16(signed);
        s.attestations = uint8(count);
        if (s.attestedAt == 0 && count >= _paramsHistory[s.paramsVersion].quorum) {
            s.attestedAt = uint64(block.timestamp);
            emit QuorumReached(submissionId, s.attestedAt);
        }
        // interactions: the new attestors' stake stays slashable until the submission ends
        if (attestors.length > before) {
            address[] memory added = new address[](attestors.length - before);
            for (uint256 i = 0; i < added.length; i++) {
                added[i] = attestors[before + i];
            }
            nodeRegistry.openObligations(added);
        }
    }

    /// @notice Finalizes a submission once its quorum was recorded (attest), the challenge window
    ///         since then has closed and its predecessor is final: pays the award into this
    ///         contract, credits the attestor fee equally to every recorded attestor (the rounding
    ///         remainder to the first in committee order) and makes the reward root claimable.
    ///         Anyone may call; the caller decides nothing.
    /// @param committee the committee as emitted by CommitteeDrawn
    function finalize(uint256 submissionId, address[] calldata committee) external nonReentrant {
        Submission storage s = _pending(submissionId);
        _checkCommittee(submissionId, s, committee);
        Params storage p = _paramsHistory[s.paramsVersion];
        if (s.attestedAt == 0) revert QuorumNotReached(s.attestations, p.quorum);
        uint64 closesAt = s.attestedAt + p.challengeWindow;
        if (block.timestamp < closesAt) revert ChallengeWindowOpen(closesAt, uint64(block.timestamp));
        NodeRewards storage nr = _rewards[s.node];
        if (s.generation != nr.generation || s.prev != nr.lastFinalized) {
            revert PredecessorNotFinal(submissionId, s.prev);
        }

        // effects. The owners' share was fixed at submission (rewardTotal − predecessor's total),
        // so the fee is what is left of the payment, whatever the fee parameter is now.
        uint128 fee = s.payment - (s.rewardTotal - nr.claimTotal);
        s.status = Status.Finalized;
        nr.lastFinalized = uint32(submissionId);
        nr.claimRoot = s.rewardRoot;
        nr.claimTotal = s.rewardTotal;
        if (fee > 0) {
            uint256 signed = s.signed;
            uint256 share = fee / s.attestations;
            address first;
            for (uint256 i = 0; i < committee.length; i++) {
                if (signed & (1 << i) == 0) continue;
                if (first == address(0)) first = committee[i];
                fees[committee[i]] += share;
            }
            fees[first] += fee - share * s.attestations;
        }
        emit Finalized(submissionId, s.node, s.attestations, s.payment, fee);

        // interactions: the locks end; the coordinator pays the award (epochs were reserved at
        // submission)
        _release(submissionId, s.node);
        if (s.kind == Kind.Request) {
            coordinator.settleAward(s.subject, s.node, s.deliveredWh);
        }
    }

    // ------------------------------------------------------------- challenge

    /// @notice Voids a pending submission proven fraudulent by the FraudProofs contract (the only
    ///         caller): the node's pending chain is reset, a reserved contribution payment goes
    ///         back to the pool, the node is slashed by fraudSlash and an award is closed unpaid
    ///         (the requester's escrow is refunded). The challenger is paid challengerShareBps of
    ///         the slash; the rest is credited to the request's requester, or for an epoch goes
    ///         to the contribution pool.
    /// @return slashed the FLEX actually taken from the node
    function voidForFraud(uint256 submissionId, address challenger) external nonReentrant returns (uint256 slashed) {
        if (msg.sender != fraudProofs) revert NotFraudProofs(msg.sender);
        Submission storage s = _pending(submissionId);

        // effects
        address node = s.node;
        s.status = Status.Voided;
        _resetChain(_rewards[node]);
        if (s.kind == Kind.Epoch) contributionPool += s.payment;

        // interactions: the registry sends the slashes (node and attestors) here, then they are
        // divided between the challenger and the requester (or the pool)
        slashed = nodeRegistry.slash(node, _paramsHistory[s.paramsVersion].fraudSlash);
        slashed += _slashAttestors(submissionId);
        nodeRegistry.closeObligation(node);
        uint256 share = _distributeSlash(s, slashed);
        emit FraudVoided(submissionId, node, challenger, slashed, share);
        if (share > 0) token.safeTransfer(challenger, share);
        if (s.kind == Kind.Request) coordinator.settleAward(s.subject, node, 0);
    }

    /// @notice Voids a pending submission that can never finalize, so it stops blocking the
    ///         node's later submissions and frees a reserved contribution payment; anyone may
    ///         call. Expirable: a submission of an older generation (after a fraud), one whose
    ///         award can no longer be paid (past the coordinator's settlement deadline), one
    ///         that reached no quorum within attestationTimeout after its last redraw
    ///         (MAX_REDRAWS, AttestationTimeout). Expiring a
    ///         current-generation submission bumps the node's generation like a fraud does
    ///         (without a slash): its later pending submissions must be posted again, which stays
    ///         possible until their award's settlement deadline.
    function expire(uint256 submissionId) external {
        Submission storage s = _pending(submissionId);
        NodeRewards storage nr = _rewards[s.node];
        Expiry reason;
        if (s.generation != nr.generation) {
            reason = Expiry.Superseded;
        } else if (s.kind == Kind.Request && block.timestamp >= coordinator.settlementDeadline(s.subject)) {
            reason = Expiry.SettlementClosed;

        } else if (
            s.attestedAt == 0 && s.redraws >= MAX_REDRAWS
                && block.timestamp >= s.roundStart + _paramsHistory[s.paramsVersion].attestationTimeout
        ) {
            reason = Expiry.AttestationTimeout;
        } else {
            revert NotExpirable(submissionId);
        }
        if (reason != Expiry.Superseded) _resetChain(nr);
        _expire(submissionId, s, reason);
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
    ///         An entry already claimed (by anyone, possibly just before in the same block) is
    ///         skipped, so one stale entry cannot revert the batch.
    function claimMany(Claim[] calldata claims) external nonReentrant returns (uint256 total) {
        uint256[] memory amounts = new uint256[](claims.length);
        for (uint256 i = 0; i < claims.length; i++) {
            Claim calldata c = claims[i];
            if (c.cumulativeAmount <= _claimed[c.node][c.owner]) continue;
            amounts[i] = _claim(c.node, c.owner, c.cumulativeAmount, c.proof);
            total += amounts[i];
        }
        for (uint256 i = 0; i < claims.length; i++) {
            if (amounts[i] > 0) token.safeTransfer(claims[i].owner, amounts[i]);
        }
    }

    /// @notice Pays the caller its credited shares of fraud slashes (as a requester).
    function withdrawCredits() external nonReentrant {
        uint256 amount = _takeAll(credits);
        emit CreditsWithdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Pays the caller its attestor fees.
    function withdrawFees() external nonReentrant {
        uint256 amount = _takeAll(fees);
        emit FeesWithdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @dev Zeroes and returns the caller's balance in `balances`; reverts when it is empty.
    function _takeAll(mapping(address => uint256) storage balances) private returns (uint256 amount) {
        amount = balances[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        balances[msg.sender] = 0;
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

    /// @notice Sets the parameters for submissions posted from now on (pending ones keep theirs).
    ///         Bounded: every period at most MAX_PERIOD, and evidencePeriod + attestationTimeout ×
    ///         (MAX_REDRAWS + 1) + challengeWindow below the coordinator's settlement period, so an
    ///         honest award can always be posted, redrawn, attested and finalized in time.
    function setParams(Params calldata params_) external onlyRole(GOVERNANCE_ROLE) {
        _setParams(params_, coordinator.parameters().settlementPeriod);
    }

    // ----------------------------------------------------------------- reads

    /// @notice The parameters in force now (for new submissions).
    function params() external view returns (Params memory) {
        return _current();
    }

    /// @notice The parameters a submission was posted under (what its draw, attestation timeout,
    ///         challenge window and fraud rules use).
    function submissionParams(uint256 submissionId) external view returns (Params memory) {
        if (submissionId == 0 || submissionId >= _submissions.length) revert UnknownSubmission(submissionId);
        return _paramsHistory[_submissions[submissionId].paramsVersion];
    }

    /// @notice The attestors recorded for a submission's current committee, in recording order.
    function attestorsOf(uint256 submissionId) external view returns (address[] memory) {
        return _attestors[submissionId];
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

    /// @notice The committee a seed would draw for `node` over the stakes as of the end of
    ///         `snapshotBlock` with today's committee size (drawCommittee uses the submission's
    ///         snapshot block and parameters), for attestors and tools.
    function previewCommittee(bytes32 seed, address node, uint256 snapshotBlock)
        external
        view
        returns (address[] memory)
    {
        return nodeRegistry.drawAt(seed, node, snapshotBlock, _current().committeeSize);
    }

    /// @notice EIP-712 digest a committee member signs for a submission.
    function attestationDigest(uint256 submissionId) public view returns (bytes32) {
        Submission storage s = _submissions[submissionId];
        bytes32 separator = block.chainid == _domainChainId ? _domainSeparator : _buildDomainSeparator();
        bytes32 structHash = keccak256(abi.encode(ATTESTATION_TYPEHASH, submissionId, s.evidenceRoot, s.rewardRoot));
        return keccak256(abi.encodePacked(hex"1901", separator, structHash));
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
        if (e.evidenceRoot == bytes32(0) || e.rewardRoot == bytes32(0)) revert InvalidEvidence(EvidenceFault.ZeroRoot);
        if (e.deviceCount == 0) revert InvalidEvidence(EvidenceFault.NoDevices);
        NodeRewards storage nr = _rewards[msg.sender];
        bytes32 key = _subjectKey(kind, subject);
        uint32 existing = _submissionOf[key][msg.sender];
        if (existing != 0) {
            Submission storage old = _submissions[existing];
            if (old.generation == nr.generation || old.status == Status.Finalized || old.status == Status.Voided) {
                revert AlreadySubmitted(existing);
            }
            if (old.status == Status.Pending) _expire(existing, old, Expiry.Superseded);
        }
        uint256 expected = nr.tipTotal + ownerShare(payment);
        if (e.rewardTotal != expected) revert RewardTotalMismatch(expected, e.rewardTotal);

        submissionId = _submissions.length;
        {
        Submission storage s = _submissions.push();
        s.node = msg.sender;
        s.kind = kind;
        s.status = Status.Pending;
        s.prev = nr.tip;
        s.generation = nr.generation;
        s.postedAt = uint64(block.timestamp);
        s.seedBlock = uint64(block.number) + 1;
        s.deliveredWh = e.deliveredWh;
        s.paramsVersion = uint32(_paramsHistory.length - 1);
        s.snapshotBlock = uint64(block.number);
        s.roundStart = uint64(block.timestamp);
        s.subject = subject;
        s.evidenceRoot = e.evidenceRoot;
        s.rewardRoot = e.rewardRoot;
        s.payment = uint128(payment);
        s.rewardTotal = e.rewardTotal;
        }
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
        // The node's stake stays slashable until this submission ends.
        nodeRegistry.openObligation(msg.sender);
    }

    /// @dev Ends a pending submission without paying it: frees an epoch's reservation and the
    ///      locks of the node and the recorded attestors.
    function _expire(uint256 submissionId, Submission storage s, Expiry reason) private {
        s.status = Status.Expired;
        if (s.kind == Kind.Epoch) contributionPool += s.payment;
        emit SubmissionExpired(submissionId, s.node, reason);
        _release(submissionId, s.node);
    }

    /// @dev Closes the obligations a pending submission opened in one call: its recorded
    ///      attestors' (forgotten) and its node's, unless `node` is zero (a redraw).
    function _release(uint256 submissionId, address node) private {
        address[] memory attestors = _attestors[submissionId];
        delete _attestors[submissionId];
        uint256 count = attestors.length;
        if (node != address(0)) {
            // the array was copied to the end of memory: grow it by one slot for the node
            assembly ("memory-safe") {
                mstore(add(attestors, mul(add(count, 1), 0x20)), node)
                mstore(attestors, add(count, 1))
                mstore(0x40, add(mload(0x40), 0x20))
            }
        }
        if (attestors.length > 0) nodeRegistry.closeObligations(attestors);
    }

    /// @dev Slashes every recorded attestor of a submission proven fraudulent by attestorSlash
    ///      (of the submission's parameters) and closes their obligations; the FLEX comes to this
    ///      contract. Returns the total taken.
    function _slashAttestors(uint256 submissionId) internal returns (uint256 slashed) {
        uint256 amount = _paramsHistory[_submissions[submissionId].paramsVersion].attestorSlash;
        address[] memory attestors = _attestors[submissionId];
        delete _attestors[submissionId];
        nodeRegistry.closeObligations(attestors);
        for (uint256 i = 0; i < attestors.length && amount > 0; i++) {
            uint256 taken = nodeRegistry.slash(attestors[i], amount);
            slashed += taken;
            emit AttestorSlashed(submissionId, attestors[i], taken);
        }
    }

    /// @dev Only an active node may post: an unbonded one could not be slashed for what it posts.
    function _requireActive() private view {
        if (!nodeRegistry.isActive(msg.sender)) revert NotActive(msg.sender);
    }

    function _checkCommittee(uint256 submissionId, Submission storage s, address[] calldata committee)
        private
        view
    {
        if (s.committeeHash == bytes32(0)) revert CommitteeNotDrawn(submissionId);
        if (keccak256(abi.encode(committee)) != s.committeeHash) revert CommitteeMismatch(submissionId);
    }

    function _checkTimedOut(Submission storage s) private view {
        uint64 endsAt = s.roundStart + _paramsHistory[s.paramsVersion].attestationTimeout;
        if (block.timestamp < endsAt) revert AttestationTimeoutRunning(endsAt, uint64(block.timestamp));
    }

    /// @dev Divides a fraud slash held by this contract: returns the challenger's share (paid by
    ///      the caller) and credits the rest to the request's requester, or returns it to the
    ///      contribution pool for an epoch. Kept apart so that further slashes (attestors) can
    ///      be divided the same way.
    function _distributeSlash(Submission storage s, uint256 slashed) private returns (uint256 share) {
        share = slashed * _paramsHistory[s.paramsVersion].challengerShareBps / 10_000;
        uint256 rest = slashed - share;
        if (rest == 0) return share;
        if (s.kind == Kind.Epoch) {
            contributionPool += rest;
        } else {
            address requester = coordinator.requesterOf(s.subject);
            credits[requester] += rest;
            emit SlashCredited(requester, rest);
        }
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
        uint64 deadline = end + _current().evidencePeriod;
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
        return uint128(uint256(payment) * _current().attestorFeeBps / 10_000);
    }

    function _pending(uint256 submissionId) private view returns (Submission storage s) {
        if (submissionId == 0 || submissionId >= _submissions.length) revert UnknownSubmission(submissionId);
        s = _submissions[submissionId];
        if (s.status != Status.Pending) revert NotPending(submissionId, s.status);
    }

    function _subjectKey(Kind kind, uint256 subject) private pure returns (bytes32) {
        return keccak256(abi.encode(kind, subject));
    }

    function _setParams(Params memory p, uint64 settlementPeriod) private {
        if (p.committeeSize == 0 || p.committeeSize > MAX_COMMITTEE) revert InvalidParams(ParamsField.CommitteeSize);
        if (p.quorum == 0 || p.quorum > p.committeeSize) revert InvalidParams(ParamsField.Quorum);
        if (p.attestorFeeBps > 10_000) revert InvalidParams(ParamsField.AttestorFeeBps);
        if (p.epochLength == 0 || p.epochLength > MAX_PERIOD) revert InvalidParams(ParamsField.EpochLength);
        if (p.attestationTimeout == 0) revert InvalidParams(ParamsField.AttestationTimeout);
        if (p.challengerShareBps >= 10_000) revert InvalidParams(ParamsField.ChallengerShareBps);
        if (
            p.challengeWindow > MAX_PERIOD || p.evidencePeriod > MAX_PERIOD || p.attestationTimeout > MAX_PERIOD
                || p.readingSlackMs > uint256(MAX_PERIOD) * 1000
        ) revert InvalidParams(ParamsField.PeriodTooLong);
        if (
            uint256(p.evidencePeriod) + uint256(p.attestationTimeout) * (MAX_REDRAWS + 1) + p.challengeWindow
                >= settlementPeriod
        ) revert InvalidParams(ParamsField.PeriodsExceedSettlementPeriod);
        _paramsHistory.push(p);
        emit ParamsChanged(uint32(_paramsHistory.length - 1), p);
    }

    /// @dev EIP-712 domain "OpenVPP Settlement" v1 of this contract (recomputed after a fork).
    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("OpenVPP Settlement"), keccak256("1"), block.chainid, address(this))
        );
    }

    function _current() private view returns (Params storage) {
        return _paramsHistory[_paramsHistory.length - 1];
    }

    function _indexOf(address[] calldata list, address who) private pure returns (uint256) {
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == who) return i;
        }
        return type(uint256).max;
    }
}

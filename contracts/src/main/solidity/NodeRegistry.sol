// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

/// @title Registry of VPP nodes: FLEX stake, libp2p peer id and grid zone
/// @notice A node stakes at least `minimumStake` FLEX to bid in auctions and attest peers.
///         Unstaking is two steps: `requestUnbond` moves stake into an unbonding balance that
///         can be withdrawn after `unbondingDelay` and only while the node has no open
///         obligations (awards not yet settled, submissions or attestations not yet final), so
///         a node cannot escape a pending fraud proof by leaving: unbonding stake stays
///         slashable. Stake is checkpointed per block, so committees are drawn over the stake
///         as of a past block (`sampleByStakeAt`) that nobody can change any more. The
///         coordinator and the Settlement contract are wired once (`wire`); only they open and
///         close obligations, and only Settlement slashes.
contract NodeRegistry is AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Role allowed to change the minimum stake and the unbonding delay.
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice Upper bound on a libp2p peer id (multihash bytes); identity multihashes of
    ///         secp256k1/Ed25519 keys are 39/38 bytes, sha256 ones 34.
    uint256 public constant MAX_PEER_ID_LENGTH = 64;
    /// @notice Bounds of the unbonding delay: at least an hour, so a fraud in the last
    ///         obligation-free moment can still be proven; at most 90 days, so governance cannot
    ///         lock stake away indefinitely.
    uint64 public constant MIN_UNBONDING_DELAY = 1 hours;
    uint64 public constant MAX_UNBONDING_DELAY = 90 days;

    /// @dev `stake` is not kept here: it lives in the node's checkpoints (_stakeHistory) and
    ///      getNode fills it in, so a stake change writes one record, not two.
    struct NodeInfo {
        bool registered;
        uint32 index; // 1-based position in registration order (and in the stake tree)
        bytes32 zone;
        uint64 registeredAt;
        uint64 unbondingReleaseAt;
        uint256 stake;
        uint256 unbonding;
        bytes peerId;
    }

    /// @notice Draw attempts per seat in drawAt before giving up (duplicates, the excluded
    ///         node and inactive nodes are redrawn).
    uint256 public constant DRAWS_PER_SEAT = 4;

    IERC20 public immutable token;
    uint64 public unbondingDelay;
    /// @notice The FlexibilityCoordinator (opens and closes obligations), set once by `wire`.
    address public coordinator;
    /// @notice The Settlement contract (opens and closes obligations, slashes), set once.
    address public settlement;

    mapping(address node => NodeInfo) private _nodes;
    address[] private _nodeList;
    /// @dev Fenwick (binary indexed) tree over bonded stake in registration order, 1-based, so
    ///      committees can be drawn stake-weighted in O(log n) reads (sampleByStake) while every
    ///      stake change costs O(log n) writes. Every cell is checkpointed per block, so the same
    ///      descent runs over the stakes as of a past block (sampleByStakeAt). Its total always
    ///      equals totalStake.
    mapping(uint256 index => Checkpoints.Trace208) private _stakeTree;
    mapping(address node => Checkpoints.Trace208) private _stakeHistory;
    Checkpoints.Trace208 private _totalStake;
    Checkpoints.Trace208 private _minimumStake;
    /// @dev Number of registered nodes per block: tree cells above it did not exist then.
    Checkpoints.Trace208 private _nodeCount;
    /// @dev Open obligations per node, stored plus one once a node had its first (0 and 1 both
    ///      mean none), so that a node's slot, once written, never returns to zero: opening and
    ///      closing then rewrite a non-zero slot instead of paying for a fresh one every time.
    mapping(address node => uint32) private _obligations;

    event NodeRegistered(address indexed node, bytes peerId, bytes32 indexed zone, uint256 stake);
    event StakeIncreased(address indexed node, uint256 amount, uint256 stake);
    event UnbondRequested(address indexed node, uint256 amount, uint256 stake, uint64 releaseAt);
    event Withdrawn(address indexed node, uint256 amount);
    event Slashed(address indexed node, uint256 amount, address indexed to);
    event PeerIdUpdated(address indexed node, bytes peerId);
    event ZoneUpdated(address indexed node, bytes32 indexed zone);
    event MinimumStakeChanged(uint256 minimumStake);
    event UnbondingDelayChanged(uint64 unbondingDelay);
    event Wired(address coordinator, address settlement);
    event ObligationOpened(address indexed node, address indexed by, uint32 open);
    event ObligationClosed(address indexed node, address indexed by, uint32 open);

    error ZeroAddress();
    error AlreadyRegistered(address node);
    error NotRegistered(address node);
    error StakeBelowMinimum(uint256 stake, uint256 minimumStake);
    error InvalidPeerId();
    error ZeroAmount();
    error InsufficientStake(uint256 requested, uint256 stake);
    error NothingToWithdraw(address node);
    error EarlyWithdrawal(uint64 releaseAt, uint64 now_);
    error PointOutOfRange(uint256 point, uint256 totalStake);
    error FutureBlock(uint256 blockNumber, uint256 currentBlock);
    error AlreadyWired(address coordinator, address settlement);
    error Unauthorized(address caller);
    error NoOpenObligation(address node);
    error ObligationsOpen(address node, uint32 open);
    error InvalidMinimumStake();
    error UnbondingDelayOutOfRange(uint64 unbondingDelay, uint64 min, uint64 max);

    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE
    /// @param minimumStake_ must be positive (a zero minimum would make stakeless nodes active)
    /// @param unbondingDelay_ between MIN_UNBONDING_DELAY and MAX_UNBONDING_DELAY
    constructor(address admin, IERC20 token_, uint256 minimumStake_, uint64 unbondingDelay_) {
        if (admin == address(0) || address(token_) == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        token = token_;
        _setMinimumStake(minimumStake_);
        _setUnbondingDelay(unbondingDelay_);
    }

    // ------------------------------------------------------------- staking

    /// @notice Registers the caller as a node with at least `minimumStake` FLEX (pulled with
    ///         transferFrom, so approve or permit first).
    /// @param peerId the node's libp2p peer id as multihash bytes
    /// @param zone grid zone id (for example keccak256 of the zone name)
    function register(bytes calldata peerId, bytes32 zone, uint256 stake) external nonReentrant {
        if (_nodes[msg.sender].registered) revert AlreadyRegistered(msg.sender);
        _checkPeerId(peerId);
        uint256 minimum = minimumStake();
        if (stake < minimum) revert StakeBelowMinimum(stake, minimum);
        _nodeList.push(msg.sender);
        uint256 index = _nodeList.length;
        _nodes[msg.sender] = NodeInfo({
            registered: true,
            index: uint32(index),
            zone: zone,
            registeredAt: uint64(block.timestamp),
            unbondingReleaseAt: 0,
            stake: 0,
            unbonding: 0,
            peerId: peerId
        });
        _nodeCount.push(_blockKey(), SafeCast.toUint208(index));
        _treeAppend(index, stake);
        _stakeHistory[msg.sender].push(_blockKey(), SafeCast.toUint208(stake));
        _add(_totalStake, stake);
        emit NodeRegistered(msg.sender, peerId, zone, stake);
        token.safeTransferFrom(msg.sender, address(this), stake);
    }

    /// @notice Adds `amount` FLEX to the caller's stake.
    function increaseStake(uint256 amount) external nonReentrant {
        NodeInfo storage n = _registered(msg.sender);
        if (amount == 0) revert ZeroAmount();
        uint256 stake = _add(_stakeHistory[msg.sender], amount);
        _add(_totalStake, amount);
        _treeAdd(n.index, amount);
        emit StakeIncreased(msg.sender, amount, stake);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Starts unbonding `amount` of the caller's stake. A node whose stake falls below
    ///         the minimum stops being active (no bids, no committee seats). Each request resets
    ///         the release time of the whole unbonding balance.
    function requestUnbond(uint256 amount) external {
        NodeInfo storage n = _registered(msg.sender);
        if (amount == 0) revert ZeroAmount();
        uint256 stake = _stakeHistory[msg.sender].latest();
        if (amount > stake) revert InsufficientStake(amount, stake);
        _sub(_stakeHistory[msg.sender], amount);
        n.unbonding += amount;
        _sub(_totalStake, amount);
        _treeSub(n.index, amount);
        n.unbondingReleaseAt = uint64(block.timestamp) + unbondingDelay;
        emit UnbondRequested(msg.sender, amount, stake - amount, n.unbondingReleaseAt);
    }

    /// @notice Pays out the caller's unbonding balance once the unbonding delay has passed and
    ///         no obligation of the node is open (until then the balance stays slashable).
    function withdraw() external nonReentrant {
        NodeInfo storage n = _registered(msg.sender);
        uint256 amount = n.unbonding;
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        if (block.timestamp < n.unbondingReleaseAt) {
            revert EarlyWithdrawal(n.unbondingReleaseAt, uint64(block.timestamp));
        }
        uint32 open = _openObligations(msg.sender);
        if (open != 0) revert ObligationsOpen(msg.sender, open);
        n.unbonding = 0;
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Replaces the caller's libp2p peer id (key rotation).
    function updatePeerId(bytes calldata peerId) external {
        NodeInfo storage n = _registered(msg.sender);
        _checkPeerId(peerId);
        n.peerId = peerId;
        emit PeerIdUpdated(msg.sender, peerId);
    }

    /// @notice Moves the caller to another grid zone.
    function updateZone(bytes32 zone) external {
        _registered(msg.sender).zone = zone;
        emit ZoneUpdated(msg.sender, zone);
    }

    // ------------------------------------------------ wiring and obligations

    /// @notice Wires the two contracts that may open and close obligations (coordinator and
    ///         Settlement) and slash (Settlement). Once, by the admin: nobody can rewire them or
    ///         grant slashing to anyone else later.
    function wire(address coordinator_, address settlement_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (coordinator != address(0)) revert AlreadyWired(coordinator, settlement);
        if (coordinator_ == address(0) || settlement_ == address(0)) revert ZeroAddress();
        coordinator = coordinator_;
        settlement = settlement_;
        emit Wired(coordinator_, settlement_);
    }

    /// @notice Opens an obligation of `node` (an award or a pending submission or attestation):
    ///         its unbonding stake cannot be withdrawn until every obligation is closed. Only the
    ///         wired coordinator or Settlement.
    function openObligation(address node) external {
        _checkWired();
        _open(node);
    }

    /// @notice Closes an obligation opened by openObligation. Only the wired coordinator or
    ///         Settlement; reverts when `node` has none open.
    function closeObligation(address node) external {
        _checkWired();
        _close(node);
    }

    function _open(address node) private {
        uint32 open = _openObligations(node) + 1;
        _obligations[node] = open + 1;
        emit ObligationOpened(node, msg.sender, open);
    }

    function _close(address node) private {
        uint32 open = _openObligations(node);
        if (open == 0) revert NoOpenObligation(node);
        unchecked {
            open -= 1;
        }
        _obligations[node] = open + 1;
        emit ObligationClosed(node, msg.sender, open);
    }

    function _openObligations(address node) private view returns (uint32) {
        uint32 stored = _obligations[node];
        return stored == 0 ? 0 : stored - 1;
    }

    /// @notice openObligation for each of `nodes` in one call (a node listed twice gets two).
    function openObligations(address[] calldata nodes) external {
        _checkWired();
        for (uint256 i = 0; i < nodes.length; i++) {
            _open(nodes[i]);
        }
    }

    /// @notice closeObligation for each of `nodes` in one call; reverts when one has none open.
    function closeObligations(address[] calldata nodes) external {
        _checkWired();
        for (uint256 i = 0; i < nodes.length; i++) {
            _close(nodes[i]);
        }
    }

    /// @notice Open obligations of `node`.
    function obligations(address node) external view returns (uint32) {
        return _openObligations(node);
    }

    /// @notice Slashes up to `amount` from `node` (stake first, then its unbonding balance) and
    ///         sends what was taken to the Settlement contract (the caller), which divides it.
    ///         Only the wired Settlement.
    /// @return slashed the amount actually taken (less than `amount` if the node holds less)
    function slash(address node, uint256 amount) external nonReentrant returns (uint256 slashed) {
        if (msg.sender != settlement) revert Unauthorized(msg.sender);
        NodeInfo storage n = _registered(node);
        uint256 stake = _stakeHistory[node].latest();
        uint256 fromStake = amount < stake ? amount : stake;
        if (fromStake > 0) {
            _sub(_stakeHistory[node], fromStake);
            _sub(_totalStake, fromStake);
            _treeSub(n.index, fromStake);
        }
        uint256 rest = amount - fromStake;
        uint256 fromUnbonding = rest < n.unbonding ? rest : n.unbonding;
        n.unbonding -= fromUnbonding;
        slashed = fromStake + fromUnbonding;
        emit Slashed(node, slashed, msg.sender);
        if (slashed > 0) token.safeTransfer(msg.sender, slashed);
    }

    // ----------------------------------------------------------- governance

    /// @notice Sets the minimum stake for new registrations and for being active (checkpointed:
    ///         isActiveAt for earlier blocks keeps the minimum of then). Must be positive.
    function setMinimumStake(uint256 minimumStake_) external onlyRole(GOVERNANCE_ROLE) {
        _setMinimumStake(minimumStake_);
    }

    /// @notice Sets the unbonding delay for future unbond requests, within
    ///         [MIN_UNBONDING_DELAY, MAX_UNBONDING_DELAY].
    function setUnbondingDelay(uint64 unbondingDelay_) external onlyRole(GOVERNANCE_ROLE) {
        _setUnbondingDelay(unbondingDelay_);
    }

    // ----------------------------------------------------------------- reads

    /// @notice The node record (all zero for an address never registered).
    function getNode(address node) external view returns (NodeInfo memory info) {
        info = _nodes[node];
        info.stake = _stakeHistory[node].latest();
    }

    /// @notice The minimum stake to register and to be active.
    function minimumStake() public view returns (uint256) {
        return _minimumStake.latest();
    }

    /// @notice Total bonded stake of all nodes.
    function totalStake() public view returns (uint256) {
        return _totalStake.latest();
    }

    /// @notice True when the node is registered with at least the minimum stake.
    function isActive(address node) public view returns (bool) {
        return _nodes[node].registered && _stakeHistory[node].latest() >= minimumStake();
    }

    /// @notice True when `node` is active in `zone`.
    function isActiveInZone(address node, bytes32 zone) external view returns (bool) {
        return isActive(node) && _nodes[node].zone == zone;
    }

    /// @notice The node's bonded stake (unbonding balance excluded).
    function stakeOf(address node) external view returns (uint256) {
        return _stakeHistory[node].latest();
    }

    /// @notice Number of nodes ever registered.
    function nodeCount() external view returns (uint256) {
        return _nodeList.length;
    }

    /// @notice The i-th registered node (registration order), for committee sampling and indexers.
    function nodeAt(uint256 index) external view returns (address) {
        return _nodeList[index];
    }

    /// @notice The node whose stake interval contains `point`, where the bonded stakes of all
    ///         registered nodes are laid end to end in registration order; drawing `point`
    ///         uniformly from [0, totalStake) picks a node with probability stake / totalStake.
    ///         Nodes below the minimum stake can be returned: callers that need active nodes
    ///         reject them with isActive.
    function sampleByStake(uint256 point) external view returns (address) {
        uint256 total = totalStake();
        if (point >= total) revert PointOutOfRange(point, total);
        return _sample(point, _nodeList.length, type(uint48).max);
    }

    /// @notice Bonded stake of `node` at the end of block `blockNumber` (a past block).
    function stakeAt(address node, uint256 blockNumber) external view returns (uint256) {
        return _valueAt(_stakeHistory[node], _pastKey(blockNumber));
    }

    /// @notice Total bonded stake at the end of block `blockNumber` (a past block).
    function totalStakeAt(uint256 blockNumber) external view returns (uint256) {
        return _valueAt(_totalStake, _pastKey(blockNumber));
    }

    /// @notice Minimum stake in force at the end of block `blockNumber` (a past block).
    function minimumStakeAt(uint256 blockNumber) external view returns (uint256) {
        return _valueAt(_minimumStake, _pastKey(blockNumber));
    }

    /// @notice isActive as of the end of block `blockNumber` (a past block): registered by then
    ///         with at least the minimum stake of then.
    function isActiveAt(address node, uint256 blockNumber) external view returns (bool) {
        uint48 key = _pastKey(blockNumber);
        uint256 stake = _valueAt(_stakeHistory[node], key);
        // A node has stake at a block only once registered, and the minimum is never zero.
        return stake != 0 && stake >= _valueAt(_minimumStake, key);
    }

    /// @notice sampleByStake over the stakes as of the end of block `blockNumber` (a past
    ///         block): nobody can change the result once that block is mined.
    function sampleByStakeAt(uint256 point, uint256 blockNumber) external view returns (address) {
        uint48 key = _pastKey(blockNumber);
        uint256 total = _valueAt(_totalStake, key);
        if (point >= total) revert PointOutOfRange(point, total);
        return _sample(point, _valueAt(_nodeCount, key), key);
    }

    /// @notice Stake-weighted draw of up to `seats` distinct nodes without replacement over the
    ///         stakes as of the end of block `blockNumber` (a past block), from `seed`: attempt i
    ///         samples the point keccak256(abi.encode(seed, i)) mod the total stake then;
    ///         `exclude`, nodes already drawn and nodes inactive then are skipped, for at most
    ///         `seats` × DRAWS_PER_SEAT attempts. What Settlement draws committees with, in one call
    ///         so the descent reads this contract's storage directly.
    function drawAt(bytes32 seed, address exclude, uint256 blockNumber, uint256 seats)
        external
        view
        returns (address[] memory committee)
    {
        uint48 key = _pastKey(blockNumber);
        uint256 total = _valueAt(_totalStake, key);
        uint256 n = _valueAt(_nodeCount, key);
        uint256 minimum = _valueAt(_minimumStake, key);
        committee = new address[](seats);
        uint256 count;
        for (uint256 attempt = 0; total > 0 && count < seats && attempt < seats * DRAWS_PER_SEAT; attempt++) {
            address candidate = _sample(uint256(keccak256(abi.encode(seed, attempt))) % total, n, key);
            if (candidate == exclude || _drawn(committee, count, candidate)) continue;
            // A node has stake at a block only once registered, and the minimum is never zero.
            uint256 stake = _valueAt(_stakeHistory[candidate], key);
            if (stake == 0 || stake < minimum) continue;
            committee[count++] = candidate;
        }
        assembly ("memory-safe") {
            mstore(committee, count) // shrink to the seats filled
        }
    }

    // -------------------------------------------------------------- internal

    /// @dev Fenwick descent over the cells as of `key` (type(uint48).max: live) among the first
    ///      `n` nodes; `point` is below the total of those cells.
    function _sample(uint256 point, uint256 n, uint48 key) private view returns (address) {
        uint256 step = 1;
        while (step * 2 <= n) step *= 2;
        uint256 pos;
        for (; step > 0; step /= 2) {
            uint256 next = pos + step;
            if (next <= n) {
                uint256 cell = _valueAt(_stakeTree[next], key);
                if (cell <= point) {
                    pos = next;
                    point -= cell;
                }
            }
        }
        return _nodeList[pos];
    }

    /// @dev The value as of `key`. Most cells have not changed since the block asked for, so
    ///      the latest checkpoint answers without a search.
    function _valueAt(Checkpoints.Trace208 storage trace, uint48 key) private view returns (uint256) {
        (bool exists, uint48 lastKey, uint208 lastValue) = trace.latestCheckpoint();
        if (!exists) return 0;
        if (lastKey <= key) return lastValue;
        return trace.upperLookupRecent(key);
    }

    function _pastKey(uint256 blockNumber) private view returns (uint48) {
        if (blockNumber >= block.number) revert FutureBlock(blockNumber, block.number);
        return uint48(blockNumber); // below block.number, which fits
    }

    function _blockKey() private view returns (uint48) {
        return SafeCast.toUint48(block.number);
    }

    function _add(Checkpoints.Trace208 storage trace, uint256 amount) private returns (uint256 value) {
        value = trace.latest() + amount;
        trace.push(_blockKey(), SafeCast.toUint208(value));
    }

    function _sub(Checkpoints.Trace208 storage trace, uint256 amount) private returns (uint256 value) {
        value = trace.latest() - amount;
        trace.push(_blockKey(), uint208(value));
    }

    function _drawn(address[] memory list, uint256 count, address who) private pure returns (bool) {
        for (uint256 i = 0; i < count; i++) {
            if (list[i] == who) return true;
        }
        return false;
    }

    function _lowBit(uint256 i) private pure returns (uint256) {
        return i & (~i + 1);
    }

    /// @dev Sets the tree cell of a freshly appended index: its own weight plus the cells it
    ///      covers, which are its children i-1, i-2, i-4, ... down to i - lowbit(i).
    function _treeAppend(uint256 i, uint256 value) private {
        uint256 sum = value;
        uint256 floor = i - _lowBit(i);
        for (uint256 j = i - 1; j > floor; j -= _lowBit(j)) {
            sum += _stakeTree[j].latest();
        }
        _stakeTree[i].push(_blockKey(), SafeCast.toUint208(sum));
    }

    function _treeAdd(uint256 i, uint256 amount) private {
        uint256 n = _nodeList.length;
        for (; i <= n; i += _lowBit(i)) {
            _add(_stakeTree[i], amount);
        }
    }

    function _treeSub(uint256 i, uint256 amount) private {
        uint256 n = _nodeList.length;
        for (; i <= n; i += _lowBit(i)) {
            _sub(_stakeTree[i], amount);
        }
    }

    function _setMinimumStake(uint256 minimumStake_) private {
        if (minimumStake_ == 0) revert InvalidMinimumStake();
        _minimumStake.push(_blockKey(), SafeCast.toUint208(minimumStake_));
        emit MinimumStakeChanged(minimumStake_);
    }

    function _setUnbondingDelay(uint64 unbondingDelay_) private {
        if (unbondingDelay_ < MIN_UNBONDING_DELAY || unbondingDelay_ > MAX_UNBONDING_DELAY) {
            revert UnbondingDelayOutOfRange(unbondingDelay_, MIN_UNBONDING_DELAY, MAX_UNBONDING_DELAY);
        }
        unbondingDelay = unbondingDelay_;
        emit UnbondingDelayChanged(unbondingDelay_);
    }

    function _checkWired() private view {
        if (msg.sender != coordinator && msg.sender != settlement) revert Unauthorized(msg.sender);
    }

    function _registered(address node) private view returns (NodeInfo storage n) {
        n = _nodes[node];
        if (!n.registered) revert NotRegistered(node);
    }

    function _checkPeerId(bytes calldata peerId) private pure {
        if (peerId.length == 0 || peerId.length > MAX_PEER_ID_LENGTH) revert InvalidPeerId();
    }
}

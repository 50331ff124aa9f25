// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title Registry of VPP nodes: FLEX stake, libp2p peer id and grid zone
/// @notice A node stakes at least `minimumStake` FLEX to bid in auctions and attest peers.
///         Unstaking is two steps: `requestUnbond` moves stake into an unbonding balance that
///         can be withdrawn after `unbondingDelay`; unbonding stake can still be slashed, so a
///         node cannot escape a pending fraud proof by leaving. Only SLASHER_ROLE (the
///         Settlement contract) slashes.
contract NodeRegistry is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to slash stake (granted to the Settlement contract).
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice Role allowed to change the minimum stake and the unbonding delay.
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice Upper bound on a libp2p peer id (multihash bytes); identity multihashes of
    ///         secp256k1/Ed25519 keys are 39/38 bytes, sha256 ones 34.
    uint256 public constant MAX_PEER_ID_LENGTH = 64;

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

    IERC20 public immutable token;
    uint256 public minimumStake;
    uint64 public unbondingDelay;
    uint256 public totalStake;

    mapping(address node => NodeInfo) private _nodes;
    address[] private _nodeList;
    /// @dev Fenwick (binary indexed) tree over bonded stake in registration order, 1-based, so
    ///      committees can be drawn stake-weighted in O(log n) reads (sampleByStake) while every
    ///      stake change costs O(log n) writes. Its total always equals totalStake.
    mapping(uint256 index => uint256) private _stakeTree;

    event NodeRegistered(address indexed node, bytes peerId, bytes32 indexed zone, uint256 stake);
    event StakeIncreased(address indexed node, uint256 amount, uint256 stake);
    event UnbondRequested(address indexed node, uint256 amount, uint256 stake, uint64 releaseAt);
    event Withdrawn(address indexed node, uint256 amount);
    event Slashed(address indexed node, uint256 amount, address indexed to);
    event PeerIdUpdated(address indexed node, bytes peerId);
    event ZoneUpdated(address indexed node, bytes32 indexed zone);
    event MinimumStakeChanged(uint256 minimumStake);
    event UnbondingDelayChanged(uint64 unbondingDelay);

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

    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE
    constructor(address admin, IERC20 token_, uint256 minimumStake_, uint64 unbondingDelay_) {
        if (admin == address(0) || address(token_) == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        token = token_;
        minimumStake = minimumStake_;
        unbondingDelay = unbondingDelay_;
    }

    /// @notice Registers the caller as a node with at least `minimumStake` FLEX (pulled with
    ///         transferFrom, so approve or permit first).
    /// @param peerId the node's libp2p peer id as multihash bytes
    /// @param zone grid zone id (for example keccak256 of the zone name)
    function register(bytes calldata peerId, bytes32 zone, uint256 stake) external nonReentrant {
        if (_nodes[msg.sender].registered) revert AlreadyRegistered(msg.sender);
        _checkPeerId(peerId);
        if (stake < minimumStake) revert StakeBelowMinimum(stake, minimumStake);
        _nodeList.push(msg.sender);
        uint256 index = _nodeList.length;
        _nodes[msg.sender] = NodeInfo({
            registered: true,
            index: uint32(index),
            zone: zone,
            registeredAt: uint64(block.timestamp),
            unbondingReleaseAt: 0,
            stake: stake,
            unbonding: 0,
            peerId: peerId
        });
        _treeAppend(index, stake);
        totalStake += stake;
        emit NodeRegistered(msg.sender, peerId, zone, stake);
        token.safeTransferFrom(msg.sender, address(this), stake);
    }

    /// @notice Adds `amount` FLEX to the caller's stake.
    function increaseStake(uint256 amount) external nonReentrant {
        NodeInfo storage n = _registered(msg.sender);
        if (amount == 0) revert ZeroAmount();
        n.stake += amount;
        totalStake += amount;
        _treeAdd(n.index, amount);
        emit StakeIncreased(msg.sender, amount, n.stake);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Starts unbonding `amount` of the caller's stake. A node whose stake falls below
    ///         the minimum stops being active (no bids, no committee seats). Each request resets
    ///         the release time of the whole unbonding balance.
    function requestUnbond(uint256 amount) external {
        NodeInfo storage n = _registered(msg.sender);
        if (amount == 0) revert ZeroAmount();
        if (amount > n.stake) revert InsufficientStake(amount, n.stake);
        n.stake -= amount;
        n.unbonding += amount;
        totalStake -= amount;
        _treeSub(n.index, amount);
        n.unbondingReleaseAt = uint64(block.timestamp) + unbondingDelay;
        emit UnbondRequested(msg.sender, amount, n.stake, n.unbondingReleaseAt);
    }

    /// @notice Pays out the caller's unbonding balance once the unbonding delay has passed.
    function withdraw() external nonReentrant {
        NodeInfo storage n = _registered(msg.sender);
        uint256 amount = n.unbonding;
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        if (block.timestamp < n.unbondingReleaseAt) {
            revert EarlyWithdrawal(n.unbondingReleaseAt, uint64(block.timestamp));
        }
        n.unbonding = 0;
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Slashes up to `amount` from `node` (stake first, then its unbonding balance) and
    ///         sends what was taken to `to`. Only SLASHER_ROLE.
    /// @return slashed the amount actually taken (less than `amount` if the node holds less)
    function slash(address node, uint256 amount, address to)
        external
        onlyRole(SLASHER_ROLE)
        nonReentrant
        returns (uint256 slashed)
    {
        if (to == address(0)) revert ZeroAddress();
        NodeInfo storage n = _registered(node);
        uint256 fromStake = amount < n.stake ? amount : n.stake;
        n.stake -= fromStake;
        totalStake -= fromStake;
        _treeSub(n.index, fromStake);
        uint256 rest = amount - fromStake;
        uint256 fromUnbonding = rest < n.unbonding ? rest : n.unbonding;
        n.unbonding -= fromUnbonding;
        slashed = fromStake + fromUnbonding;
        emit Slashed(node, slashed, to);
        if (slashed > 0) token.safeTransfer(to, slashed);
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

    /// @notice Sets the minimum stake for new registrations and for being active.
    function setMinimumStake(uint256 minimumStake_) external onlyRole(GOVERNANCE_ROLE) {
        minimumStake = minimumStake_;
        emit MinimumStakeChanged(minimumStake_);
    }

    /// @notice Sets the unbonding delay for future unbond requests.
    function setUnbondingDelay(uint64 unbondingDelay_) external onlyRole(GOVERNANCE_ROLE) {
        unbondingDelay = unbondingDelay_;
        emit UnbondingDelayChanged(unbondingDelay_);
    }

    // ----------------------------------------------------------------- reads

    /// @notice The node record (all zero for an address never registered).
    function getNode(address node) external view returns (NodeInfo memory) {
        return _nodes[node];
    }

    /// @notice True when the node is registered with at least the minimum stake.
    function isActive(address node) public view returns (bool) {
        NodeInfo storage n = _nodes[node];
        return n.registered && n.stake >= minimumStake;
    }

    /// @notice True when `node` is active in `zone`.
    function isActiveInZone(address node, bytes32 zone) external view returns (bool) {
        return isActive(node) && _nodes[node].zone == zone;
    }

    /// @notice The node's bonded stake (unbonding balance excluded).
    function stakeOf(address node) external view returns (uint256) {
        return _nodes[node].stake;
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
        if (point >= totalStake) revert PointOutOfRange(point, totalStake);
        uint256 n = _nodeList.length;
        uint256 step = 1;
        while (step * 2 <= n) step *= 2;
        uint256 pos;
        for (; step > 0; step /= 2) {
            uint256 next = pos + step;
            if (next <= n && _stakeTree[next] <= point) {
                pos = next;
                point -= _stakeTree[next];
            }
        }
        return _nodeList[pos];
    }

    // ------------------------------------------- interface of the hardening (issue 10)
    // Skeleton: the signatures below are what Settlement and FlexibilityCoordinator call; the
    // bodies still read live state and do not lock yet (replaced by the hardening itself).

    /// @notice Wires the two contracts that may open and close obligations (coordinator and
    ///         Settlement) and slash (Settlement). Once, by the admin.
    function wire(address coordinator_, address settlement_) external view onlyRole(DEFAULT_ADMIN_ROLE) {
        coordinator_;
        settlement_;
    }

    /// @notice Opens an obligation of `node` (an award or a pending submission).
    function openObligation(address node) external pure {
        node;
    }

    /// @notice Closes an obligation opened by openObligation.
    function closeObligation(address node) external pure {
        node;
    }

    /// @notice Open obligations of `node`.
    function obligations(address node) external pure returns (uint32) {
        node;
        return 0;
    }

    /// @notice Bonded stake of `node` at the end of block `blockNumber`.
    function stakeAt(address node, uint256 blockNumber) external view returns (uint256) {
        blockNumber;
        return _nodes[node].stake;
    }

    /// @notice Total bonded stake at the end of block `blockNumber`.
    function totalStakeAt(uint256 blockNumber) external view returns (uint256) {
        blockNumber;
        return totalStake;
    }

    /// @notice isActive as of the end of block `blockNumber`.
    function isActiveAt(address node, uint256 blockNumber) external view returns (bool) {
        blockNumber;
        return isActive(node);
    }

    /// @notice sampleByStake over the stakes as of the end of block `blockNumber`.
    function sampleByStakeAt(uint256 point, uint256 blockNumber) external view returns (address) {
        blockNumber;
        return this.sampleByStake(point);
    }

    // -------------------------------------------------------------- internal

    function _lowBit(uint256 i) private pure returns (uint256) {
        return i & (~i + 1);
    }

    /// @dev Sets the tree cell of a freshly appended index: its own weight plus the cells it
    ///      covers, which are its children i-1, i-2, i-4, ... down to i - lowbit(i).
    function _treeAppend(uint256 i, uint256 value) private {
        uint256 sum = value;
        uint256 floor = i - _lowBit(i);
        for (uint256 j = i - 1; j > floor; j -= _lowBit(j)) {
            sum += _stakeTree[j];
        }
        _stakeTree[i] = sum;
    }

    function _treeAdd(uint256 i, uint256 amount) private {
        uint256 n = _nodeList.length;
        for (; i <= n; i += _lowBit(i)) {
            _stakeTree[i] += amount;
        }
    }

    function _treeSub(uint256 i, uint256 amount) private {
        if (amount == 0) return;
        uint256 n = _nodeList.length;
        for (; i <= n; i += _lowBit(i)) {
            _stakeTree[i] -= amount;
        }
    }

    function _registered(address node) private view returns (NodeInfo storage n) {
        n = _nodes[node];
        if (!n.registered) revert NotRegistered(node);
    }

    function _checkPeerId(bytes calldata peerId) private pure {
        if (peerId.length == 0 || peerId.length > MAX_PEER_ID_LENGTH) revert InvalidPeerId();
    }
}

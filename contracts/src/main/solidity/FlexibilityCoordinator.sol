// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @notice What the coordinator needs from the node registry.
interface INodeDirectory {
    function isActiveInZone(address node, bytes32 zone) external view returns (bool);
}

/// @title Flexibility requests and their sealed-bid, uniform-price auctions
/// @notice A requester posts a request for `powerW` of flexibility in a grid zone during
///         [start, start + duration) and escrows the most it can cost: powerW × duration ×
///         maxPrice. Active nodes of that zone commit sealed bids (a hash of offer and salt, with
///         a FLEX deposit) before the bid deadline and reveal them until the reveal deadline.
///         Clearing takes offers in merit order (cheapest first) until the power is covered; every
///         accepted node is paid the uniform clearing price, the price of the last accepted offer,
///         and the last award may be partial. Settlement later pays delivered energy out of the
///         escrow and the rest returns to the requester.
/// @dev Ties: offers with equal price are taken in commit order (earlier commit first). Commit
///      order is fixed on-chain before any price is visible, so it rewards nothing but bidding
///      early and is the same for every observer. Money moves by pull: refunds and deposits are
///      credited to `owed` and paid by `withdraw`, so no loop ever transfers tokens.
///      Units: power W, time s, price FLEX wei per kWh, energy Wh (docs/units.md).
contract FlexibilityCoordinator is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Role of the Settlement contract: pays awards out of escrow.
    bytes32 public constant SETTLEMENT_ROLE = keccak256("SETTLEMENT_ROLE");
    /// @notice Role that sets the bid deposit and the settlement period.
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice At most this many commits per request, which bounds the gas of clearing.
    uint16 public constant MAX_BIDS = 64;
    /// @notice Longest delivery window of one request (one day).
    uint32 public constant MAX_DURATION = 86_400;
    /// @dev W·s per kWh: energy × price / this = FLEX wei.
    uint256 private constant WS_PER_KWH = 3_600_000;

    /// @notice Up: the grid needs more generation or less consumption (devices export more).
    ///         Down: the grid needs less generation or more consumption (devices import more).
    enum Direction {
        Up,
        Down
    }

    enum Status {
        None,
        Open,
        Cleared,
        Cancelled,
        Expired
    }

    /// @notice The parameters a requester posts.
    struct RequestParams {
        bytes32 zone;
        Direction direction;
        uint32 powerW;
        uint64 start;
        uint32 duration;
        uint128 maxPricePerKWh;
        uint64 bidDeadline;
        uint64 revealDeadline;
    }

    struct Request {
        address requester;
        Status status;
        Direction direction;
        uint32 powerW;
        uint32 duration;
        uint64 start;
        // slot
        uint64 bidDeadline;
        uint64 revealDeadline;
        uint32 awardedPowerW;
        uint16 commits;
        uint16 reveals;
        uint16 awards;
        uint16 settledAwards;
        bool escrowReleased;
        // slots
        bytes32 zone;
        uint128 maxPricePerKWh;
        uint128 clearingPrice;
        uint128 escrow;
        uint128 paid;
        uint128 bidDeposit;
    }

    struct Bid {
        bytes32 commitment;
        uint16 commitIndex;
        bool revealed;
        bool depositReturned;
        bool settled;
        uint32 powerW;
        uint32 awardedW;
        uint128 pricePerKWh;
    }

    /// @notice What Settlement reads about one node's award.
    struct Award {
        uint32 awardedW;
        uint128 clearingPrice;
        uint64 start;
        uint32 duration;
        Direction direction;
        bool settled;
    }

    IERC20 public immutable token;
    INodeDirectory public immutable nodes;
    /// @notice Deposit a bid commit locks; returned on reveal (or cancel), forfeited otherwise.
    uint128 public bidDeposit;
    /// @notice Time after the end of the delivery window during which awards can be settled;
    ///         afterwards the requester can take back what was not paid.
    uint64 public settlementPeriod;
    uint256 public requestCount;
    /// @notice FLEX credited to an account by refunds, returned deposits and forfeits.
    mapping(address account => uint256) public owed;

    mapping(uint256 requestId => Request) private _requests;
    mapping(uint256 requestId => mapping(address node => Bid)) private _bids;
    mapping(uint256 requestId => address[]) private _revealed;

    event RequestPosted(
        uint256 indexed requestId,
        address indexed requester,
        bytes32 indexed zone,
        Direction direction,
        uint32 powerW,
        uint64 start,
        uint32 duration,
        uint128 maxPricePerKWh,
        uint64 bidDeadline,
        uint64 revealDeadline,
        uint128 escrow
    );
    event BidCommitted(uint256 indexed requestId, address indexed node, bytes32 commitment);
    event BidRevealed(uint256 indexed requestId, address indexed node, uint32 powerW, uint128 pricePerKWh);
    event Awarded(uint256 indexed requestId, address indexed node, uint32 powerW, uint128 clearingPrice);
    event Cleared(uint256 indexed requestId, uint32 awardedPowerW, uint128 clearingPrice, uint16 awards, uint128 forfeited);
    event Expired(uint256 indexed requestId, uint128 forfeited);
    event Cancelled(uint256 indexed requestId);
    event AwardSettled(uint256 indexed requestId, address indexed node, uint64 deliveredWh, uint256 payment);
    event EscrowReleased(uint256 indexed requestId, uint256 refund);
    event Withdrawn(address indexed account, uint256 amount);
    event BidDepositChanged(uint128 bidDeposit);
    event SettlementPeriodChanged(uint64 settlementPeriod);

    error ZeroAddress();
    error InvalidRequest(string reason);
    error UnknownRequest(uint256 requestId);
    error NotOpen(uint256 requestId, Status status);
    error NotRequester(uint256 requestId, address caller);
    error BiddingClosed(uint64 bidDeadline, uint64 now_);
    error BiddingNotClosed(uint64 bidDeadline, uint64 now_);
    error RevealClosed(uint64 revealDeadline, uint64 now_);
    error RevealNotClosed(uint64 revealDeadline, uint64 now_);
    error NotEligible(address node, bytes32 zone);
    error AlreadyCommitted(uint256 requestId, address node);
    error EmptyCommitment();
    error TooManyBids(uint256 requestId);
    error NoCommitment(uint256 requestId, address node);
    error AlreadyRevealed(uint256 requestId, address node);
    error CommitmentMismatch(uint256 requestId, address node);
    error InvalidOffer(string reason);
    error NotCancelled(uint256 requestId);
    error DepositAlreadyReturned(uint256 requestId, address node);
    error NoAward(uint256 requestId, address node);
    error AwardAlreadySettled(uint256 requestId, address node);
    error SettlementClosed(uint256 requestId, uint64 deadline);
    error SettlementOpen(uint256 requestId, uint64 deadline);
    error EscrowAlreadyReleased(uint256 requestId);
    error NothingToWithdraw(address account);

    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE
    constructor(address admin, IERC20 token_, INodeDirectory nodes_, uint128 bidDeposit_, uint64 settlementPeriod_) {
        if (admin == address(0) || address(token_) == address(0) || address(nodes_) == address(0)) {
            revert ZeroAddress();
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        token = token_;
        nodes = nodes_;
        bidDeposit = bidDeposit_;
        settlementPeriod = settlementPeriod_;
    }

    // ------------------------------------------------------------ requester

    /// @notice Posts a flexibility request and escrows its maximum cost, pulled with transferFrom
    ///         (approve or permit first). Deadlines must satisfy now < bidDeadline < revealDeadline
    ///         <= start.
    /// @return requestId the new request's id (1, 2, ...)
    function postRequest(RequestParams calldata p) external nonReentrant returns (uint256 requestId) {
        if (p.powerW == 0) revert InvalidRequest("powerW is zero");
        if (p.duration == 0 || p.duration > MAX_DURATION) revert InvalidRequest("duration out of range");
        if (p.maxPricePerKWh == 0) revert InvalidRequest("maxPricePerKWh is zero");
        if (p.bidDeadline <= block.timestamp) revert InvalidRequest("bidDeadline not in the future");
        if (p.revealDeadline <= p.bidDeadline) revert InvalidRequest("revealDeadline not after bidDeadline");
        if (p.start < p.revealDeadline) revert InvalidRequest("start before revealDeadline");
        uint256 escrow = maxCost(p.powerW, p.duration, p.maxPricePerKWh);
        if (escrow > type(uint128).max) revert InvalidRequest("escrow too large");

        requestId = ++requestCount;
        Request storage r = _requests[requestId];
        r.requester = msg.sender;
        r.status = Status.Open;
        r.direction = p.direction;
        r.powerW = p.powerW;
        r.duration = p.duration;
        r.start = p.start;
        r.bidDeadline = p.bidDeadline;
        r.revealDeadline = p.revealDeadline;
        r.zone = p.zone;
        r.maxPricePerKWh = p.maxPricePerKWh;
        r.escrow = uint128(escrow);
        r.bidDeposit = bidDeposit;
        emit RequestPosted(
            requestId,
            msg.sender,
            p.zone,
            p.direction,
            p.powerW,
            p.start,
            p.duration,
            p.maxPricePerKWh,
            p.bidDeadline,
            p.revealDeadline,
            uint128(escrow)
        );
        token.safeTransferFrom(msg.sender, address(this), escrow);
    }

    /// @notice Cancels an open request before its bid deadline; the escrow is credited back and
    ///         every committed node can reclaim its deposit with reclaimDeposit.
    function cancel(uint256 requestId) external {
        Request storage r = _open(requestId);
        if (msg.sender != r.requester) revert NotRequester(requestId, msg.sender);
        if (block.timestamp >= r.bidDeadline) revert BiddingClosed(r.bidDeadline, uint64(block.timestamp));
        r.status = Status.Cancelled;
        r.escrowReleased = true;
        owed[r.requester] += r.escrow;
        emit Cancelled(requestId);
        emit EscrowReleased(requestId, r.escrow);
    }

    // ----------------------------------------------------------------- nodes

    /// @notice Commits a sealed bid: `commitment` = bidCommitment(requestId, node, powerW,
    ///         pricePerKWh, salt). Locks the bid deposit. Only active nodes of the request's zone,
    ///         once per request, before the bid deadline.
    function commitBid(uint256 requestId, bytes32 commitment) external nonReentrant {
        Request storage r = _open(requestId);
        if (block.timestamp >= r.bidDeadline) revert BiddingClosed(r.bidDeadline, uint64(block.timestamp));
        if (!nodes.isActiveInZone(msg.sender, r.zone)) revert NotEligible(msg.sender, r.zone);
        // Zero marks "no commit" in storage; accepting it would let one node commit repeatedly.
        if (commitment == bytes32(0)) revert EmptyCommitment();
        Bid storage b = _bids[requestId][msg.sender];
        if (b.commitment != bytes32(0)) revert AlreadyCommitted(requestId, msg.sender);
        if (r.commits >= MAX_BIDS) revert TooManyBids(requestId);
        b.commitment = commitment;
        b.commitIndex = r.commits;
        r.commits += 1;
        emit BidCommitted(requestId, msg.sender, commitment);
        uint256 deposit = r.bidDeposit;
        if (deposit > 0) token.safeTransferFrom(msg.sender, address(this), deposit);
    }

    /// @notice Reveals the caller's bid after the bid deadline and before the reveal deadline.
    ///         The offer must match the commitment, offer at least 1 W and ask at most the
    ///         request's price cap, and the node must still be active in the zone (a node that
    ///         unbonded after committing would win an award with no stake at risk; it forfeits
    ///         its deposit instead). The deposit is credited back.
    function revealBid(uint256 requestId, uint32 powerW, uint128 pricePerKWh, bytes32 salt) external {
        Request storage r = _open(requestId);
        if (block.timestamp < r.bidDeadline) revert BiddingNotClosed(r.bidDeadline, uint64(block.timestamp));
        if (block.timestamp >= r.revealDeadline) revert RevealClosed(r.revealDeadline, uint64(block.timestamp));
        Bid storage b = _bids[requestId][msg.sender];
        if (b.commitment == bytes32(0)) revert NoCommitment(requestId, msg.sender);
        if (b.revealed) revert AlreadyRevealed(requestId, msg.sender);
        if (!nodes.isActiveInZone(msg.sender, r.zone)) revert NotEligible(msg.sender, r.zone);
        if (b.commitment != bidCommitment(requestId, msg.sender, powerW, pricePerKWh, salt)) {
            revert CommitmentMismatch(requestId, msg.sender);
        }
        if (powerW == 0) revert InvalidOffer("powerW is zero");
        if (pricePerKWh > r.maxPricePerKWh) revert InvalidOffer("price above the request's cap");
        b.revealed = true;
        b.depositReturned = true;
        b.powerW = powerW;
        b.pricePerKWh = pricePerKWh;
        r.reveals += 1;
        _revealed[requestId].push(msg.sender);
        owed[msg.sender] += r.bidDeposit;
        emit BidRevealed(requestId, msg.sender, powerW, pricePerKWh);
    }

    /// @notice Returns a deposit committed to a request its requester cancelled.
    function reclaimDeposit(uint256 requestId) external {
        Request storage r = _known(requestId);
        if (r.status != Status.Cancelled) revert NotCancelled(requestId);
        Bid storage b = _bids[requestId][msg.sender];
        if (b.commitment == bytes32(0)) revert NoCommitment(requestId, msg.sender);
        if (b.depositReturned) revert DepositAlreadyReturned(requestId, msg.sender);
        b.depositReturned = true;
        owed[msg.sender] += r.bidDeposit;
    }

    // -------------------------------------------------------------- clearing

    /// @notice Clears the auction once the reveal deadline has passed; anyone may call. Without
    ///         revealed offers the request expires and its escrow is credited back. Deposits of
    ///         commits never revealed are forfeited to the requester. Escrow above the cost of
    ///         the awarded power at the clearing price is credited back at once.
    function clear(uint256 requestId) external {
        Request storage r = _open(requestId);
        if (block.timestamp < r.revealDeadline) revert RevealNotClosed(r.revealDeadline, uint64(block.timestamp));
        uint128 forfeited = uint128(r.commits - r.reveals) * r.bidDeposit;
        if (r.reveals == 0) {
            r.status = Status.Expired;
            r.escrowReleased = true;
            owed[r.requester] += r.escrow + forfeited;
            emit Expired(requestId, forfeited);
            emit EscrowReleased(requestId, r.escrow);
            return;
        }
        address[] memory order = _meritOrder(requestId);
        uint32 remaining = r.powerW;
        uint128 price;
        uint16 awards;
        for (uint256 i = 0; i < order.length && remaining > 0; i++) {
            Bid storage b = _bids[requestId][order[i]];
            uint32 take = b.powerW < remaining ? b.powerW : remaining;
            b.awardedW = take;
            remaining -= take;
            price = b.pricePerKWh;
            awards += 1;
        }
        r.status = Status.Cleared;
        r.awardedPowerW = r.powerW - remaining;
        r.clearingPrice = price;
        r.awards = awards;
        uint256 reserved = maxCost(r.awardedPowerW, r.duration, price);
        uint256 surplus = r.escrow - reserved;
        r.escrow = uint128(reserved);
        owed[r.requester] += surplus + forfeited;
        for (uint256 i = 0; i < awards; i++) {
            emit Awarded(requestId, order[i], _bids[requestId][order[i]].awardedW, price);
        }
        emit Cleared(requestId, r.awardedPowerW, price, awards, forfeited);
    }

    // ------------------------------------------------------------ settlement

    /// @notice Pays an award for `deliveredWh` at the clearing price, capped at the awarded
    ///         energy, to the caller (Settlement), once per award, before the settlement
    ///         deadline. A delivery of 0 closes the award unpaid (used when evidence is voided as
    ///         fraud), also after the deadline.
    /// @return payment FLEX wei transferred to the caller
    function settleAward(uint256 requestId, address node, uint64 deliveredWh)
        external
        onlyRole(SETTLEMENT_ROLE)
        nonReentrant
        returns (uint256 payment)
    {
        Request storage r = _known(requestId);
        if (r.status != Status.Cleared) revert NotOpen(requestId, r.status);
        Bid storage b = _bids[requestId][node];
        if (b.awardedW == 0) revert NoAward(requestId, node);
        if (b.settled) revert AwardAlreadySettled(requestId, node);
        uint64 deadline = settlementDeadline(requestId);
        // Closing an award unpaid (delivery 0, a proven fraud) moves no money and stays possible
        // after the deadline, so fraud in a root nobody finalized can still be proven.
        if (deliveredWh > 0 && (r.escrowReleased || block.timestamp >= deadline)) {
            revert SettlementClosed(requestId, deadline);
        }
        payment = paymentFor(b.awardedW, r.duration, r.clearingPrice, deliveredWh);
        b.settled = true;
        r.settledAwards += 1;
        r.paid += uint128(payment);
        emit AwardSettled(requestId, node, deliveredWh, payment);
        if (payment > 0) token.safeTransfer(msg.sender, payment);
    }

    /// @notice Credits the escrow not paid out back to the requester, once every award is
    ///         settled or the settlement deadline has passed; anyone may call.
    function releaseEscrow(uint256 requestId) external {
        Request storage r = _known(requestId);
        if (r.status != Status.Cleared) revert NotOpen(requestId, r.status);
        if (r.escrowReleased) revert EscrowAlreadyReleased(requestId);
        uint64 deadline = settlementDeadline(requestId);
        if (r.settledAwards < r.awards && block.timestamp < deadline) revert SettlementOpen(requestId, deadline);
        r.escrowReleased = true;
        uint256 refund = r.escrow - r.paid;
        owed[r.requester] += refund;
        emit EscrowReleased(requestId, refund);
    }

    /// @notice Pays the caller everything credited to it (refunds, deposits, forfeits).
    function withdraw() external nonReentrant {
        uint256 amount = owed[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        owed[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------ governance

    function setBidDeposit(uint128 bidDeposit_) external onlyRole(GOVERNANCE_ROLE) {
        bidDeposit = bidDeposit_;
        emit BidDepositChanged(bidDeposit_);
    }

    function setSettlementPeriod(uint64 settlementPeriod_) external onlyRole(GOVERNANCE_ROLE) {
        settlementPeriod = settlementPeriod_;
        emit SettlementPeriodChanged(settlementPeriod_);
    }

    // ----------------------------------------------------------------- reads

    /// @notice The commitment a node submits: keccak256(abi.encode(requestId, node, powerW,
    ///         pricePerKWh, salt)). Binding the request and the node stops a commitment from
    ///         being copied to another request or revealed by another account.
    function bidCommitment(uint256 requestId, address node, uint32 powerW, uint128 pricePerKWh, bytes32 salt)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(requestId, node, powerW, pricePerKWh, salt));
    }

    /// @notice FLEX wei that `powerW` for `duration` seconds costs at `pricePerKWh`, rounded up.
    function maxCost(uint256 powerW, uint256 duration, uint256 pricePerKWh) public pure returns (uint256) {
        uint256 num = powerW * duration * pricePerKWh;
        return (num + WS_PER_KWH - 1) / WS_PER_KWH;
    }

    /// @notice Payment for `deliveredWh` against an award of `awardedW` over `duration` seconds:
    ///         delivered energy capped at the awarded energy, times the clearing price, rounded
    ///         down. Under-delivery is paid in proportion.
    function paymentFor(uint32 awardedW, uint32 duration, uint128 clearingPrice, uint64 deliveredWh)
        public
        pure
        returns (uint256)
    {
        uint256 deliveredWs = uint256(deliveredWh) * 3600;
        uint256 awardedWs = uint256(awardedW) * duration;
        uint256 ws = deliveredWs < awardedWs ? deliveredWs : awardedWs;
        return ws * clearingPrice / WS_PER_KWH;
    }

    function getRequest(uint256 requestId) external view returns (Request memory) {
        return _requests[requestId];
    }

    function getBid(uint256 requestId, address node) external view returns (Bid memory) {
        return _bids[requestId][node];
    }

    /// @notice Nodes that revealed, in reveal order.
    function revealedBidders(uint256 requestId) external view returns (address[] memory) {
        return _revealed[requestId];
    }

    function getAward(uint256 requestId, address node) external view returns (Award memory a) {
        Request storage r = _requests[requestId];
        Bid storage b = _bids[requestId][node];
        if (r.status == Status.Cleared) a.awardedW = b.awardedW;
        a.clearingPrice = r.clearingPrice;
        a.start = r.start;
        a.duration = r.duration;
        a.direction = r.direction;
        a.settled = b.settled;
    }

    /// @notice Until when awards of the request can be settled: end of delivery plus the
    ///         settlement period.
    function settlementDeadline(uint256 requestId) public view returns (uint64) {
        Request storage r = _requests[requestId];
        return r.start + r.duration + settlementPeriod;
    }

    // -------------------------------------------------------------- internal

    function _known(uint256 requestId) private view returns (Request storage r) {
        r = _requests[requestId];
        if (r.status == Status.None) revert UnknownRequest(requestId);
    }

    function _open(uint256 requestId) private view returns (Request storage r) {
        r = _known(requestId);
        if (r.status != Status.Open) revert NotOpen(requestId, r.status);
    }

    /// @dev Revealed bidders sorted by (price, commit index) ascending; insertion sort, since at
    ///      most MAX_BIDS entries are sorted once per request.
    function _meritOrder(uint256 requestId) private view returns (address[] memory order) {
        order = _revealed[requestId];
        uint256 n = order.length;
        uint256[] memory keys = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            Bid storage b = _bids[requestId][order[i]];
            keys[i] = (uint256(b.pricePerKWh) << 16) | b.commitIndex;
        }
        for (uint256 i = 1; i < n; i++) {
            uint256 key = keys[i];
            address who = order[i];
            uint256 j = i;
            while (j > 0 && keys[j - 1] > key) {
                keys[j] = keys[j - 1];
                order[j] = order[j - 1];
                j--;
            }
            keys[j] = key;
            order[j] = who;
        }
    }
}

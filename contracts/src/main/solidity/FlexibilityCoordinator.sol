// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @notice What the coordinator needs from the node registry (ADR 0007).
interface INodeDirectory {
    function isActiveInZone(address node, bytes32 zone) external view returns (bool);

    /// @notice Opens an obligation of `node` (here: an award), which keeps its stake bonded.
    function openObligation(address node) external;

    /// @notice Closes an obligation opened by openObligation.
    function closeObligation(address node) external;
}

/// @title Flexibility requests and their sealed-bid, uniform-price auctions
/// @notice A requester posts a request for `powerW` of flexibility in a grid zone during
///         [start, start + duration) and escrows the most it can cost: powerW × duration ×
///         maxPrice. Active nodes of that zone commit sealed bids (a hash of offer and salt, with
///         a FLEX deposit) before the bid deadline and reveal them until the reveal deadline;
///         a reveal locks a performance bond proportional to the offered energy. Clearing takes
///         offers in merit order (cheapest first) until the power is covered; every accepted node
///         is paid the uniform clearing price, the price of the last accepted offer, and the last
///         award may be partial. Clearing returns the bond above the awarded energy. Settlement
///         later pays delivered energy out of the escrow and returns the bond in proportion to the
///         delivered energy plus a grace for the readings' distance from the window edges
///         (bondReturned); the rest of the bond is forfeited, a share to the requester and the
///         remainder to the treasury. The rest of the escrow returns to the requester.
/// @dev Ties: offers with equal price are taken in commit order (earlier commit first). Commit
///      order is fixed on-chain before any price is visible, so it rewards nothing but bidding
///      early and is the same for every observer. There is no cap on commits: the caller of
///      `clear` supplies the merit order, which is checked in one pass. Money moves by pull:
///      refunds, deposits, bonds and forfeits are credited to `owed` and paid by `withdraw`, so no
///      loop ever transfers tokens. Every parameter a request depends on is copied into it when it
///      is posted, so governance never changes the rules of an open request.
///      Units: power W, time s, price and bond rate FLEX wei per kWh, energy Wh (docs/units.md).
contract FlexibilityCoordinator is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Role that sets the market parameters and the treasury.
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice Longest delivery window of one request (one day).
    uint32 public constant MAX_DURATION = 86_400;
    /// @notice A request's window starts at most this long after it is posted (30 days), which
    ///         bounds every deadline derived from it.
    uint64 public constant MAX_LEAD_TIME = 30 days;
    /// @notice Upper bound of the settlement period (30 days).
    uint64 public constant MAX_SETTLEMENT_PERIOD = 30 days;
    /// @notice Upper bound of the minimum bid and reveal windows (7 days).
    uint32 public constant MAX_MIN_WINDOW = 7 days;
    /// @notice Upper bound of the delivery grace (15 minutes): the most energy a node can fall
    ///         short of its award without losing bond is awardedW × this, bounded so governance
    ///         cannot turn the bond into a deposit that always comes back.
    uint32 public constant MAX_DELIVERY_GRACE = 15 minutes;
    /// @notice Upper bound of the bond rate, so a bond always fits in 128 bits.
    uint128 public constant MAX_BOND_PER_KWH = type(uint96).max;
    /// @dev Basis points in one.
    uint16 private constant BPS = 10_000;
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

    /// @notice The parameters governance sets; each request keeps a copy of them from posting.
    /// @param bidDeposit FLEX wei a commit locks; returned on reveal (or cancel), else forfeited
    /// @param bondPerKWh FLEX wei of performance bond per kWh offered (locked at reveal)
    /// @param settlementPeriod seconds after the delivery window during which awards can be
    ///        settled (at most MAX_SETTLEMENT_PERIOD)
    /// @param requesterShareBps share of a forfeited bond credited to the requester, in basis
    ///        points; the rest goes to the treasury
    /// @param minBidWindow shortest time from posting to the bid deadline, seconds
    /// @param minRevealWindow shortest time from the bid deadline to the reveal deadline, seconds
    /// @param deliveryGraceSeconds seconds of the award at awarded power that the bond forgives
    ///        (at most MAX_DELIVERY_GRACE): delivery is measured between a device's first and last
    ///        readings of the window, which an honest device takes a reading interval inside its
    ///        edges, so a full delivery is measured a little short (bondReturned)
    struct Parameters {
        uint128 bidDeposit;
        uint128 bondPerKWh;
        uint64 settlementPeriod;
        uint16 requesterShareBps;
        uint32 minBidWindow;
        uint32 minRevealWindow;
        uint32 deliveryGraceSeconds;
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
        // slot
        uint64 start;
        uint64 bidDeadline;
        uint64 revealDeadline;
        uint64 settlementPeriod;
        // slot
        uint32 awardedPowerW;
        uint32 commits;
        uint32 reveals;
        uint32 awards;
        uint32 settledAwards;
        uint16 requesterShareBps;
        bool escrowReleased;
        uint32 deliveryGraceSeconds;
        // slots
        bytes32 zone;
        uint128 maxPricePerKWh;
        uint128 clearingPrice;
        uint128 escrow;
        uint128 paid;
        uint128 bidDeposit;
        uint128 bondPerKWh;
    }

    struct Bid {
        bytes32 commitment;
        uint32 commitIndex;
        bool revealed;
        bool depositReturned;
        bool settled;
        uint32 powerW;
        uint32 awardedW;
        uint128 pricePerKWh;
        /// @dev FLEX wei of performance bond still locked
        uint128 bond;
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
    /// @notice The Settlement contract, the only account that settles awards; set once.
    address public settlement;
    /// @notice Receives the part of forfeited bonds that does not go to the requester.
    address public treasury;
    Parameters private _params;
    uint256 public requestCount;
    /// @notice FLEX credited to an account by refunds, returned deposits and bonds, forfeits.
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
    event BondLocked(uint256 indexed requestId, address indexed node, uint128 bond);
    event BondReturned(uint256 indexed requestId, address indexed node, uint128 amount);
    event BondForfeited(
        uint256 indexed requestId, address indexed node, uint128 amount, uint128 toRequester, uint128 toTreasury
    );
    event Awarded(uint256 indexed requestId, address indexed node, uint32 powerW, uint128 clearingPrice);
    event Cleared(uint256 indexed requestId, uint32 awardedPowerW, uint128 clearingPrice, uint32 awards, uint128 forfeited);
    event Expired(uint256 indexed requestId, uint128 forfeited);
    event Cancelled(uint256 indexed requestId);
    event DepositReclaimed(uint256 indexed requestId, address indexed node, uint128 amount);
    event AwardSettled(uint256 indexed requestId, address indexed node, uint64 deliveredWh, uint256 payment);
    event AwardClosedUnsettled(uint256 indexed requestId, address indexed node);
    event EscrowReleased(uint256 indexed requestId, uint256 refund);
    event Withdrawn(address indexed account, uint256 amount);
    event ParametersChanged(Parameters parameters);
    event TreasuryChanged(address treasury);
    event SettlementSet(address settlement);

    error ZeroAddress();
    error InvalidRequest(string reason);
    error InvalidParameter(string name, uint256 value);
    error UnknownRequest(uint256 requestId);
    error NotOpen(uint256 requestId, Status status);
    error NotRequester(uint256 requestId, address caller);
    error NotSettlement(address caller);
    error SettlementAlreadySet(address settlement);
    error BiddingClosed(uint64 bidDeadline, uint64 now_);
    error BiddingNotClosed(uint64 bidDeadline, uint64 now_);
    error RevealClosed(uint64 revealDeadline, uint64 now_);
    error RevealNotClosed(uint64 revealDeadline, uint64 now_);
    error NotEligible(address node, bytes32 zone);
    error AlreadyCommitted(uint256 requestId, address node);
    error EmptyCommitment();
    error NoCommitment(uint256 requestId, address node);
    error AlreadyRevealed(uint256 requestId, address node);
    error CommitmentMismatch(uint256 requestId, address node);
    error InvalidOffer(string reason);
    error OrderLengthMismatch(uint256 length, uint256 reveals);
    error NotRevealed(uint256 requestId, address node);
    error OrderNotIncreasing(uint256 index);
    error NotCancelled(uint256 requestId);
    error DepositAlreadyReturned(uint256 requestId, address node);
    error NoAward(uint256 requestId, address node);
    error AwardAlreadySettled(uint256 requestId, address node);
    error SettlementClosed(uint256 requestId, uint64 deadline);
    error SettlementOpen(uint256 requestId, uint64 deadline);
    error EscrowAlreadyReleased(uint256 requestId);
    error NothingToWithdraw(address account);

    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE
    /// @param treasury_ receives the part of forfeited bonds not credited to requesters
    constructor(address admin, IERC20 token_, INodeDirectory nodes_, address treasury_, Parameters memory params_) {
        if (
            admin == address(0) || address(token_) == address(0) || address(nodes_) == address(0)
                || treasury_ == address(0)
        ) {
            revert ZeroAddress();
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        token = token_;
        nodes = nodes_;
        treasury = treasury_;
        _setParameters(params_);
    }

    // ------------------------------------------------------------ requester

    /// @notice Posts a flexibility request and escrows its maximum cost, pulled with transferFrom
    ///         (approve or permit first). Deadlines must satisfy now + minBidWindow <= bidDeadline,
    ///         bidDeadline + minRevealWindow <= revealDeadline <= start <= now + MAX_LEAD_TIME.
    ///         The request keeps the current bid deposit, bond rate, settlement period and
    ///         requester share for its whole life.
    /// @return requestId the new request's id (1, 2, ...)
    function postRequest(RequestParams calldata p) external nonReentrant returns (uint256 requestId) {
        Parameters memory params_ = _params;
        if (p.powerW == 0) revert InvalidRequest("powerW is zero");
        if (p.duration == 0 || p.duration > MAX_DURATION) revert InvalidRequest("duration out of range");
        if (p.maxPricePerKWh == 0) revert InvalidRequest("maxPricePerKWh is zero");
        if (p.bidDeadline <= block.timestamp) revert InvalidRequest("bidDeadline not in the future");
        if (p.revealDeadline <= p.bidDeadline) revert InvalidRequest("revealDeadline not after bidDeadline");
        if (p.start < p.revealDeadline) revert InvalidRequest("start before revealDeadline");
        if (p.start > block.timestamp + MAX_LEAD_TIME) revert InvalidRequest("start too far ahead");
        // Windows no honest node could use would let the requester keep every deposit.
        if (p.bidDeadline < block.timestamp + params_.minBidWindow) revert InvalidRequest("bid window too short");
        if (p.revealDeadline < uint256(p.bidDeadline) + params_.minRevealWindow) {
            revert InvalidRequest("reveal window too short");
        }
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
        r.settlementPeriod = params_.settlementPeriod;
        r.requesterShareBps = params_.requesterShareBps;
        r.deliveryGraceSeconds = params_.deliveryGraceSeconds;
        r.zone = p.zone;
        r.maxPricePerKWh = p.maxPricePerKWh;
        r.escrow = uint128(escrow);
        r.bidDeposit = params_.bidDeposit;
        r.bondPerKWh = params_.bondPerKWh;
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
    ///         once per request, before the bid deadline. There is no limit on the number of
    ///         commits, so nobody can take every slot.
    function commitBid(uint256 requestId, bytes32 commitment) external nonReentrant {
        Request storage r = _open(requestId);
        if (block.timestamp >= r.bidDeadline) revert BiddingClosed(r.bidDeadline, uint64(block.timestamp));
        if (!nodes.isActiveInZone(msg.sender, r.zone)) revert NotEligible(msg.sender, r.zone);
        // Zero marks "no commit" in storage; accepting it would let one node commit repeatedly.
        if (commitment == bytes32(0)) revert EmptyCommitment();
        Bid storage b = _bids[requestId][msg.sender];
        if (b.commitment != bytes32(0)) revert AlreadyCommitted(requestId, msg.sender);
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
    ///         its deposit instead). The deposit is credited back and the performance bond for
    ///         the offered energy, bondFor(powerW, duration, bondPerKWh), is pulled with
    ///         transferFrom (approve first).
    function revealBid(uint256 requestId, uint32 powerW, uint128 pricePerKWh, bytes32 salt) external nonReentrant {
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
        // Fits: powerW < 2^32, duration <= 86,400 < 2^17, rate <= 2^96.
        uint128 bond = uint128(bondFor(powerW, r.duration, r.bondPerKWh));
        b.revealed = true;
        b.depositReturned = true;
        b.powerW = powerW;
        b.pricePerKWh = pricePerKWh;
        b.bond = bond;
        r.reveals += 1;
        _revealed[requestId].push(msg.sender);
        owed[msg.sender] += r.bidDeposit;
        emit BidRevealed(requestId, msg.sender, powerW, pricePerKWh);
        emit BondLocked(requestId, msg.sender, bond);
        if (bond > 0) token.safeTransferFrom(msg.sender, address(this), bond);
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
        emit DepositReclaimed(requestId, msg.sender, r.bidDeposit);
    }

    // -------------------------------------------------------------- clearing

    /// @notice Clears the auction once the reveal deadline has passed; anyone may call.
    ///         `order` lists every revealed bidder in merit order: by (price, commit index)
    ///         strictly increasing, so ties go to the earlier commit. It is checked in one pass
    ///         (length equal to the reveals, every entry revealed, keys strictly increasing), which
    ///         makes it the only order accepted. Without revealed offers the request expires and
    ///         its escrow is credited back. Deposits of commits never revealed are forfeited to
    ///         the requester. Escrow above the cost of the awarded power at the clearing price,
    ///         and bonds above the awarded energy, are credited back at once; every award opens an
    ///         obligation of its node in the node registry.
    function clear(uint256 requestId, address[] calldata order) external {
        Request storage r = _open(requestId);
        if (block.timestamp < r.revealDeadline) revert RevealNotClosed(r.revealDeadline, uint64(block.timestamp));
        if (order.length != r.reveals) revert OrderLengthMismatch(order.length, r.reveals);
        uint128 forfeited = uint128(r.commits - r.reveals) * r.bidDeposit;
        if (r.reveals == 0) {
            r.status = Status.Expired;
            r.escrowReleased = true;
            owed[r.requester] += r.escrow + forfeited;
            emit Expired(requestId, forfeited);
            emit EscrowReleased(requestId, r.escrow);
            return;
        }
        (uint32 awardedPowerW, uint128 price, uint32 awards) = _award(requestId, r, order);
        r.status = Status.Cleared;
        r.awardedPowerW = awardedPowerW;
        r.clearingPrice = price;
        r.awards = awards;
        uint256 reserved = maxCost(awardedPowerW, r.duration, price);
        uint256 surplus = r.escrow - reserved;
        r.escrow = uint128(reserved);
        owed[r.requester] += surplus + forfeited;
        for (uint256 i = 0; i < awards; i++) {
            emit Awarded(requestId, order[i], _bids[requestId][order[i]].awardedW, price);
        }
        emit Cleared(requestId, awardedPowerW, price, awards, forfeited);
        for (uint256 i = 0; i < awards; i++) {
            nodes.openObligation(order[i]);
        }
    }

    // ------------------------------------------------------------ settlement

    /// @notice Pays an award for `deliveredWh` at the clearing price, capped at the awarded
    ///         energy, to the caller (Settlement), once per award, before the settlement
    ///         deadline. Returns the node's bond in proportion to the delivered energy plus the
    ///         request's delivery grace (bondReturned) and forfeits the rest; closes the node's obligation. A delivery
    ///         of 0 closes the award unpaid with the whole bond forfeited (used when evidence is
    ///         voided as fraud), also after the deadline, and does nothing for an award already
    ///         closed.
    /// @return payment FLEX wei transferred to the caller
    function settleAward(uint256 requestId, address node, uint64 deliveredWh)
        external
        nonReentrant
        returns (uint256 payment)
    {
        if (msg.sender != settlement) revert NotSettlement(msg.sender);
        Request storage r = _known(requestId);
        if (r.status != Status.Cleared) revert NotOpen(requestId, r.status);
        Bid storage b = _bids[requestId][node];
        if (b.awardedW == 0) revert NoAward(requestId, node);
        if (b.settled) {
            // Closing at 0 an award already closed (anyone may close an unsettled one after the
            // deadline) changes nothing and must not stop Settlement from proving a fraud.
            if (deliveredWh == 0) return 0;
            revert AwardAlreadySettled(requestId, node);
        }
        uint64 deadline = settlementDeadline(requestId);
        // Closing an award unpaid (delivery 0, a proven fraud) moves no escrow and stays possible
        // after the deadline, so fraud in a root nobody finalized can still be proven.
        if (deliveredWh > 0 && (r.escrowReleased || block.timestamp >= deadline)) {
            revert SettlementClosed(requestId, deadline);
        }
        payment = paymentFor(b.awardedW, r.duration, r.clearingPrice, deliveredWh);
        b.settled = true;
        r.settledAwards += 1;
        r.paid += uint128(payment);
        emit AwardSettled(requestId, node, deliveredWh, payment);
        _releaseBond(requestId, r, node, b, deliveredWh);
        nodes.closeObligation(node);
        if (payment > 0) token.safeTransfer(msg.sender, payment);
    }

    /// @notice Closes an award nobody settled by the settlement deadline: its whole bond is
    ///         forfeited (a share to the requester, the rest to the treasury) and the node's
    ///         obligation closed. Anyone may call.
    function closeUnsettled(uint256 requestId, address node) external {
        Request storage r = _known(requestId);
        if (r.status != Status.Cleared) revert NotOpen(requestId, r.status);
        Bid storage b = _unsettledAward(requestId, node);
        uint64 deadline = settlementDeadline(requestId);
        if (block.timestamp < deadline) revert SettlementOpen(requestId, deadline);
        b.settled = true;
        r.settledAwards += 1;
        emit AwardClosedUnsettled(requestId, node);
        _releaseBond(requestId, r, node, b, 0);
        nodes.closeObligation(node);
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

    /// @notice Pays the caller everything credited to it (refunds, deposits, bonds, forfeits).
    function withdraw() external nonReentrant {
        uint256 amount = owed[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        owed[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------ governance

    /// @notice Sets the Settlement contract, the only account that settles awards. Once, by the
    ///         admin, so nobody can later give itself the right to pay out escrow.
    function setSettlement(address settlement_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (settlement_ == address(0)) revert ZeroAddress();
        if (settlement != address(0)) revert SettlementAlreadySet(settlement);
        settlement = settlement_;
        emit SettlementSet(settlement_);
    }

    /// @notice Sets the market parameters for requests posted from now on; open requests keep
    ///         theirs. Bounded: settlement period in (0, MAX_SETTLEMENT_PERIOD], requester share
    ///         at most 10,000 bps, minimum windows in [1, MAX_MIN_WINDOW] s, bond rate at most
    ///         MAX_BOND_PER_KWH, delivery grace at most MAX_DELIVERY_GRACE.
    function setParameters(Parameters calldata params_) external onlyRole(GOVERNANCE_ROLE) {
        _setParameters(params_);
    }

    /// @notice Sets the account that receives the treasury's share of forfeited bonds.
    function setTreasury(address treasury_) external onlyRole(GOVERNANCE_ROLE) {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasuryChanged(treasury_);
    }

    // ----------------------------------------------------------------- reads

    /// @notice The parameters new requests are posted with.
    function parameters() external view returns (Parameters memory) {
        return _params;
    }

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

    /// @notice Performance bond for `powerW` over `duration` seconds at `bondPerKWh`: the
    ///         energy in kWh times the rate, rounded up (the same rule as maxCost).
    function bondFor(uint256 powerW, uint256 duration, uint256 bondPerKWh) public pure returns (uint256) {
        return maxCost(powerW, duration, bondPerKWh);
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

    /// @notice The bond returned for `deliveredWh` against an award of `awardedW` over `duration`
    ///         seconds with `graceSeconds` of grace: the delivery plus awardedW × graceSeconds is
    ///         credited, capped at the awarded energy, and the bond comes back in that proportion
    ///         (rounded down). A delivery of 0 (no evidence, or evidence voided as fraud) gets no
    ///         grace: the whole bond is forfeited. Payment ignores the grace (paymentFor).
    function bondReturned(uint128 bond, uint32 awardedW, uint32 duration, uint32 graceSeconds, uint64 deliveredWh)
        public
        pure
        returns (uint128)
    {
        if (deliveredWh == 0) return 0;
        uint256 awardedWs = uint256(awardedW) * duration;
        uint256 creditedWs = uint256(deliveredWh) * 3600 + uint256(awardedW) * graceSeconds;
        if (creditedWs >= awardedWs) return bond;
        return uint128(uint256(bond) * creditedWs / awardedWs);
    }

    function getRequest(uint256 requestId) external view returns (Request memory) {
        return _requests[requestId];
    }

    /// @notice The account that posted the request (zero for an unknown id): the one field
    ///         Settlement reads, named so that reordering Request cannot change what it reads.
    function requesterOf(uint256 requestId) external view returns (address) {
        return _requests[requestId].requester;
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
    ///         settlement period the request was posted with. Every term is bounded at posting,
    ///         so this never overflows.
    function settlementDeadline(uint256 requestId) public view returns (uint64) {
        Request storage r = _requests[requestId];
        return r.start + r.duration + r.settlementPeriod;
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

    /// @dev The unsettled award of `node`.
    function _unsettledAward(uint256 requestId, address node) private view returns (Bid storage b) {
        b = _bids[requestId][node];
        if (b.awardedW == 0) revert NoAward(requestId, node);
        if (b.settled) revert AwardAlreadySettled(requestId, node);
    }

    /// @dev Walks the caller's merit order once: checks it and awards the cheapest offers until
    ///      the request is covered; every bond above the awarded energy is credited back.
    function _award(uint256 requestId, Request storage r, address[] calldata order)
        private
        returns (uint32 awardedPowerW, uint128 price, uint32 awards)
    {
        uint32 remaining = r.powerW;
        uint256 previous;
        for (uint256 i = 0; i < order.length; i++) {
            Bid storage b = _bids[requestId][order[i]];
            if (!b.revealed) revert NotRevealed(requestId, order[i]);
            uint256 key = (uint256(b.pricePerKWh) << 32) | b.commitIndex;
            if (i > 0 && key <= previous) revert OrderNotIncreasing(i);
            previous = key;
            uint32 take = b.powerW < remaining ? b.powerW : remaining;
            if (take > 0) {
                b.awardedW = take;
                remaining -= take;
                price = b.pricePerKWh;
                awards += 1;
            }
            _trimBond(requestId, r, order[i], b, take);
        }
        awardedPowerW = r.powerW - remaining;
    }

    /// @dev Keeps the bond of the awarded energy and credits the rest back to the node.
    function _trimBond(uint256 requestId, Request storage r, address node, Bid storage b, uint32 awardedW) private {
        uint128 keep = uint128(bondFor(awardedW, r.duration, r.bondPerKWh));
        uint128 excess = b.bond - keep;
        if (excess == 0) return;
        b.bond = keep;
        owed[node] += excess;
        emit BondReturned(requestId, node, excess);
    }

    /// @dev Returns the bond by bondReturned (delivery plus the request's grace, capped at the
    ///      award) and forfeits the rest: requesterShareBps of it to the requester, the remainder
    ///      to the treasury.
    function _releaseBond(uint256 requestId, Request storage r, address node, Bid storage b, uint64 deliveredWh)
        private
    {
        uint128 bond = b.bond;
        if (bond == 0) return;
        b.bond = 0;
        uint128 returned = bondReturned(bond, b.awardedW, r.duration, r.deliveryGraceSeconds, deliveredWh);
        if (returned > 0) {
            owed[node] += returned;
            emit BondReturned(requestId, node, returned);
        }
        uint128 forfeited = bond - returned;
        if (forfeited == 0) return;
        uint128 toRequester = uint128(uint256(forfeited) * r.requesterShareBps / BPS);
        uint128 toTreasury = forfeited - toRequester;
        owed[r.requester] += toRequester;
        owed[treasury] += toTreasury;
        emit BondForfeited(requestId, node, forfeited, toRequester, toTreasury);
    }

    function _setParameters(Parameters memory p) private {
        if (p.settlementPeriod == 0 || p.settlementPeriod > MAX_SETTLEMENT_PERIOD) {
            revert InvalidParameter("settlementPeriod", p.settlementPeriod);
        }
        if (p.requesterShareBps > BPS) revert InvalidParameter("requesterShareBps", p.requesterShareBps);
        if (p.minBidWindow == 0 || p.minBidWindow > MAX_MIN_WINDOW) {
            revert InvalidParameter("minBidWindow", p.minBidWindow);
        }
        if (p.minRevealWindow == 0 || p.minRevealWindow > MAX_MIN_WINDOW) {
            revert InvalidParameter("minRevealWindow", p.minRevealWindow);
        }
        if (p.bondPerKWh > MAX_BOND_PER_KWH) revert InvalidParameter("bondPerKWh", p.bondPerKWh);
        if (p.deliveryGraceSeconds > MAX_DELIVERY_GRACE) {
            revert InvalidParameter("deliveryGraceSeconds", p.deliveryGraceSeconds);
        }
        _params = p;
        emit ParametersChanged(p);
    }
}

// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface ISteeredRegistry {
    function register(bytes calldata peerId, bytes32 zone, uint256 stake) external;
    function increaseStake(uint256 amount) external;
}

interface ISteeredSettlement {
    function drawCommittee(uint256 submissionId) external returns (address[] memory);
}

/// @title TEST ONLY: the committee-steering attacker (issue 10, item 1)
/// @notice A node contract that, in one transaction, changes its stake by an amount searched
///         off-chain once the seed block's hash is public and then draws the committee, so the
///         draw sees the stake it chose. Against a draw over live stake this seats a quorum of
///         the attacker's sybils; against a draw over stake as of the submission block the
///         increase changes nothing.
contract CommitteeSteerer {
    IERC20 private immutable _token;
    ISteeredRegistry private immutable _registry;

    constructor(IERC20 token_, ISteeredRegistry registry_) {
        _token = token_;
        _registry = registry_;
    }

    /// @notice Registers this contract as a node with `stake` FLEX it already holds, and keeps
    ///         an allowance for later increases.
    function join(bytes calldata peerId, bytes32 zone, uint256 stake) external {
        _token.approve(address(_registry), type(uint256).max);
        _registry.register(peerId, zone, stake);
    }

    /// @notice The attack: increase stake by `amount`, then draw at once.
    function steer(ISteeredSettlement settlement, uint256 submissionId, uint256 amount)
        external
        returns (address[] memory committee)
    {
        _registry.increaseStake(amount);
        committee = settlement.drawCommittee(submissionId);
    }
}

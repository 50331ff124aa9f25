// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title The open VPP governance timelock
/// @notice OpenZeppelin's TimelockController, unchanged: it holds GOVERNANCE_ROLE and
///         DEFAULT_ADMIN_ROLE of every VPP contract, so every parameter change and role grant is
///         scheduled in public and takes effect no earlier than `getMinDelay()` seconds later.
///         Proposers schedule and cancel; executors (or anyone, if address(0) is an executor)
///         execute ready operations. With admin = address(0) the timelock administers itself:
///         even its own delay changes only through a scheduled operation.
/// @dev A subclass only so that the build compiles it from our sources and wraps it in Java.
contract VppTimelock is TimelockController {
    /// @param minDelay seconds between scheduling and the earliest execution
    /// @param proposers accounts that may schedule and cancel operations
    /// @param executors accounts that may execute ready operations (address(0): anyone)
    /// @param admin optional extra admin of the timelock's roles (address(0): none)
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}

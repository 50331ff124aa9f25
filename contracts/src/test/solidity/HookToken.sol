// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Receives a callback on every token transfer to it (ERC-777/ERC-1363 style).
interface ITokenReceiver {
    function onTokenTransfer(address from, uint256 amount) external;
}

/// @title TEST ONLY: an ERC-20 that calls the receiver on every transfer to a contract
/// @notice Lets tests attack the market and settlement contracts through reentrancy, which plain
///         FLEX (no hooks) cannot do. Anyone may mint.
contract HookToken is ERC20 {
    constructor() ERC20("Hook Token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (to.code.length > 0 && from != address(0)) {
            ITokenReceiver(to).onTokenTransfer(from, value);
        }
    }
}

/// @title TEST ONLY: a receiver that re-enters a target when it is paid
/// @notice `arm` stores a call; on the first token it receives, it makes that call. With
///         `propagate` a failed re-entry reverts the whole payment, without it the failure is
///         recorded in `reentryResult` and the payment goes through.
contract ReentrantReceiver is ITokenReceiver {
    address public target;
    bytes public payload;
    bool public propagate;
    uint256 public hookCalls;
    bool public reentrySucceeded;
    bytes public reentryResult;

    function arm(address target_, bytes calldata payload_, bool propagate_) external {
        target = target_;
        payload = payload_;
        propagate = propagate_;
    }

    function onTokenTransfer(address, uint256) external {
        hookCalls += 1;
        if (target == address(0) || hookCalls > 1) return;
        (bool ok, bytes memory result) = target.call(payload);
        reentrySucceeded = ok;
        reentryResult = result;
        if (!ok && propagate) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
    }

    /// @notice Acts as an account: forwards `data` to `to` and bubbles up a revert.
    function execute(address to, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        (ok, result) = to.call(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
    }
}

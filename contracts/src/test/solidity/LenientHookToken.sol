// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ITokenReceiver} from "./HookToken.sol";

/// @title TEST ONLY: HookToken that skips contract receivers without the hook
/// @notice HookToken calls onTokenTransfer on every contract receiver, so staking, escrow and the
///         coordinator's payment into Settlement revert (those contracts have no hook) and a
///         system deployed on it cannot run a single settlement. This token calls the hook the
///         same way but treats a revert without data (no such function) as "no hook"; a revert
///         with data (a receiver's failed re-entry) still bubbles up unchanged.
contract LenientHookToken is ERC20 {
    constructor() ERC20("Lenient Hook Token", "LHOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (to.code.length > 0 && from != address(0)) {
            try ITokenReceiver(to).onTokenTransfer(from, value) {}
            catch (bytes memory reason) {
                if (reason.length > 0) {
                    assembly {
                        revert(add(reason, 32), mload(reason))
                    }
                }
            }
        }
    }
}

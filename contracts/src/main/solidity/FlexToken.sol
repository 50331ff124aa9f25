// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title FLEX, the reward and payment token of the open VPP network
/// @notice ERC-20 with ERC-2612 permit and a fixed supply cap. New supply is minted only by holders
///         of MINTER_ROLE (the governance timelock, or the faucet on a dev chain) and never beyond
///         `cap()`: whoever holds the role, total supply stays below the cap set at deployment.
contract FlexToken is ERC20, ERC20Capped, ERC20Permit, AccessControl {
    /// @notice Role allowed to mint new FLEX (up to the cap).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @param admin receives DEFAULT_ADMIN_ROLE (grants and revokes MINTER_ROLE)
    /// @param cap_ the largest total supply ever (18 decimals); reverts ERC20InvalidCap if zero
    constructor(address admin, uint256 cap_)
        ERC20("Flex Token", "FLEX")
        ERC20Capped(cap_)
        ERC20Permit("Flex Token")
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Mints `amount` (18 decimals) to `to`.
    /// @dev Reverts with AccessControlUnauthorizedAccount unless the caller has MINTER_ROLE, and
    ///      with ERC20ExceededCap if the total supply would exceed `cap()`.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @dev ERC20Capped checks the cap on every mint.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}

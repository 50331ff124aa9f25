// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title FLEX, the reward and payment token of the open VPP network
/// @notice ERC-20 with ERC-2612 permit. New supply is minted only by holders of MINTER_ROLE
///         (the treasury or a faucet on test networks); there is no other way to create tokens.
contract FlexToken is ERC20, ERC20Permit, AccessControl {
    /// @notice Role allowed to mint new FLEX.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @param admin receives DEFAULT_ADMIN_ROLE (grants and revokes MINTER_ROLE)
    constructor(address admin) ERC20("Flex Token", "FLEX") ERC20Permit("Flex Token") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Mints `amount` (18 decimals) to `to`.
    /// @dev Reverts with AccessControlUnauthorizedAccount unless the caller has MINTER_ROLE.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }
}

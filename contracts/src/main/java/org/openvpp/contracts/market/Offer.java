package org.openvpp.contracts.market;

import java.math.BigInteger;

/**
 * A revealed offer.
 *
 * @param node the bidding node
 * @param powerW power offered, W
 * @param pricePerKWh asked price, FLEX wei per kWh
 * @param commitIndex position of the node's commit among the request's commits (tie-break)
 */
public record Offer(String node, long powerW, BigInteger pricePerKWh, int commitIndex) {}

package org.openvpp.bridge.dispatch;

/**
 * The share of a dispatch given to one device.
 *
 * @param device the device address
 * @param powerW requested power, W, + = export / discharge
 */
public record Allocation(String device, long powerW) {}

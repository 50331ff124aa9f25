package org.openvpp.bridge.dispatch;

/**
 * The share of a dispatch given to one device.
 *
 * @param device the device address
 * @param powerW requested change of power, W, relative to the device's baseline (+ = more export)
 */
public record Allocation(String device, long powerW) {}

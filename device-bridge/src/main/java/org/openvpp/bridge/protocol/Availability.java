package org.openvpp.bridge.protocol;

/**
 * Retained on {@code vpp/1/d/{device}/availability}; the last will carries {@code online=false}.
 *
 * @param device the device address
 * @param online whether the device is connected and accepts commands
 * @param timestampMs UTC ms when the device published it
 */
public record Availability(String device, boolean online, long timestampMs) {}

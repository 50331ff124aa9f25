package org.openvpp.bridge.protocol;

/**
 * Node → device on {@code vpp/1/d/{device}/receipt}: every reading up to {@code sequence} is stored
 * durably; the device may drop them from its buffer.
 */
public record Receipt(String device, long sequence) {}

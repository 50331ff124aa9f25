/**
 * The device bridge: the MQTT device protocol (docs/device-protocol.md), verification of
 * device-signed meter readings, the live fleet view, dispatch execution and device simulators. Used
 * by {@code node} as a library and runnable on its own.
 */
package org.openvpp.bridge;

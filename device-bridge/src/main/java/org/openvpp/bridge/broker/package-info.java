/**
 * The broker the bridge starts itself (docs/adr/0004): Mosquitto as a supervised child process by
 * default, the embedded HiveMQ CE when Mosquitto is not installed.
 */
package org.openvpp.bridge.broker;

/** The embedded default MQTT broker (HiveMQ CE). */
package org.openvpp.bridge.broker;

/** Our small MQTT client interface and its records. */
package org.openvpp.bridge.mqtt;

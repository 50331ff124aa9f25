/** The only package that imports Eclipse Paho. */
package org.openvpp.bridge.mqtt.paho;

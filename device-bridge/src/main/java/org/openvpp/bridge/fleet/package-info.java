/** The live fleet view: power, state of charge, availability and limits per device. */
package org.openvpp.bridge.fleet;

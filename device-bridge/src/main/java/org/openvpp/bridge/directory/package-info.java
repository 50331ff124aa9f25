/** Who the devices are: the DeviceRegistry seen through a small interface. */
package org.openvpp.bridge.directory;

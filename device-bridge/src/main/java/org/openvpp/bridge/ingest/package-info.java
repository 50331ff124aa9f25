/** The reading ingest pipeline: verify, store durably, then acknowledge. */
package org.openvpp.bridge.ingest;

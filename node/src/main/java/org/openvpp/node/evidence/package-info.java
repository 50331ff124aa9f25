/**
 * The node's side of evidence: from the readings its device bridge stored to the windows and leaves
 * of a submission ({@link org.openvpp.node.evidence.StoredWindows}); the hashing and the selection
 * rules themselves are shared with everyone else in {@code contracts.evidence}.
 */
package org.openvpp.node.evidence;

/** The flexibility market as nodes see it: sealed-bid commitments and merit-order clearing. */
package org.openvpp.contracts.market;

/**
 * Benchmark harness shared by the modules' benchmarks: forked runs ({@link
 * org.openvpp.contracts.testing.bench.ForkedRuns}), the median/min/max of at least five runs
 * ({@link org.openvpp.contracts.testing.bench.Summary}) and detection of the machine, JDK, load and
 * tool versions ({@link org.openvpp.contracts.testing.bench.MachineProbe}).
 */
package org.openvpp.contracts.testing.bench;

package org.openvpp.wallet.cli;

import java.nio.file.Path;
import java.util.Optional;

/** The global options as given on the command line (empty when not given). */
public record Flags(
    Optional<String> rpc,
    Optional<Path> deployment,
    Optional<String> account,
    Optional<Path> config,
    Optional<Path> passwordFile,
    boolean json) {}

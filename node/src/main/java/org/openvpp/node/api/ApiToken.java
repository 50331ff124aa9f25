package org.openvpp.node.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's bearer token: 256 random bits as 64 hex digits in {@code api-token} in the data
 * directory, created on first start readable by the owner only (600) and reused after. Requests
 * present it as {@code Authorization: Bearer <token>}; the comparison takes the same time whatever
 * the guess. The token is never logged.
 */
public final class ApiToken {
  private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
  public static final String FILE_NAME = "api-token";
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final byte[] digest;

  private ApiToken(String token) {
    this.digest = sha256(token);
  }

  /** Reads the token from {@code dataDir}, creating it (mode 600) when there is none. */
  public static ApiToken loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        create(file);
      }
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!FORMAT.matcher(token).matches()) {
        throw new IllegalStateException(
            file + " is not an API token (64 lower-case hex digits): delete it to make a new one");
      }
      ownerOnly(file);
      return new ApiToken(token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the API token " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String token = HexFormat.of().formatHex(raw);
    // Created with 600 from the start, so the token is never readable by others, not even briefly.
    Path tmp =
        Files.createTempFile(
            file.getParent(), FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file);
      LOG.info("created the API token in {} (owner-only)", file);
    } catch (FileAlreadyExistsException e) {
      LOG.debug("another start created {} first", file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A token file others can read is tightened, with a warning: the operator should know. */
  private static void ownerOnly(Path file) throws IOException {
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    if (!mode.equals(OWNER_ONLY)) {
      LOG.warn(
          "{} had mode {}: set to rw------- (the API token must be readable by the owner only)",
          file,
          PosixFilePermissions.toString(mode));
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  /** Whether an {@code Authorization} header value carries this token. */
  public boolean accepts(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    // Digests have a fixed length, so isEqual's time does not depend on where a guess differs.
    return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

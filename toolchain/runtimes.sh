# Sourced by ./vpp, ./vpp-wallet and .ci/run: the Java runtime they run the project on, and the
# Node.js check.
#
# JAVA_HOME wins when it is set (it must hold Java 17 or newer). Otherwise the newest JDK 17+
# among the usual install places and the `java` on PATH: the bytecode targets Java 17, and a newer
# runtime runs it faster (JDK 21+ has ChaCha20-Poly1305 intrinsics, ~4x the p2p stream
# throughput, and virtual threads). Maven itself keeps the JDK it finds (JAVA_HOME or PATH).

VPP_MIN_JAVA=17

# The feature release (8, 17, 21, 25) of the `java` binary $1; empty when it cannot tell.
java_major() {
  local java=$1 version=""
  local home
  home=$(dirname "$(dirname "$java")")
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")
  fi
  if [ -z "$version" ]; then
    version=$("$java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -1)
  fi
  case $version in 1.*) version=${version#1.} ;; esac
  version=${version%%[!0-9]*}
  echo "$version"
}

# Every `java` the search looks at, one per line: the standard JDK directories of Debian/Ubuntu,
# Fedora/RHEL, container images, macOS, SDKMAN! and IntelliJ, then PATH.
java_candidates() {
  local dir home=${HOME:-/nonexistent}
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$home"/.sdkman/candidates/java/* "$home"/.jdks/*; do
    [ -x "$dir/bin/java" ] && printf '%s\n' "$dir/bin/java"
  done
  command -v java 2>/dev/null || true
}

# Prints the chosen `java` binary, or explains on stderr and returns 1.
find_java() {
  local java major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    if [ ! -x "$JAVA_HOME/bin/java" ]; then
      echo "error: JAVA_HOME=$JAVA_HOME has no bin/java: point it at a JDK $VPP_MIN_JAVA or newer, or unset it" >&2
      return 1
    fi
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -lt "$VPP_MIN_JAVA" ]; then
      echo "error: JAVA_HOME=$JAVA_HOME is Java ${major:-of unknown version}; the project needs $VPP_MIN_JAVA or newer" >&2
      return 1
    fi
    echo "$JAVA_HOME/bin/java"
    return 0
  fi
  while IFS= read -r java; do
    major=$(java_major "$java")
    if [ "${major:-0}" -ge "$VPP_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
      best=$java
      best_major=$major
    fi
  done < <(java_candidates)
  if [ -z "$best" ]; then
    echo "error: no Java $VPP_MIN_JAVA or newer found (JAVA_HOME is unset; looked in /usr/lib/jvm, /usr/java, /opt/java, /Library/Java/JavaVirtualMachines, ~/.sdkman, ~/.jdks and PATH): install a JDK $VPP_MIN_JAVA+ or set JAVA_HOME" >&2
    return 1
  fi
  echo "$best"
}

# JVM options for the runtime $1 (a `java` binary): on JDK 24+ the JNI libraries (secp256k1,
# SQLite) and Netty's Unsafe use would each print a warning on every start; allow them.
java_options() {
  local major
  major=$(java_major "$1")
  if [ "${major:-0}" -ge 24 ]; then
    echo "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fi
}

# The `java` of the newest installed JDK whose feature release is at least $1 (and at most $2
# when given), ignoring JAVA_HOME; returns 1 when there is none. CI uses it to pick the JDK 17 it
# builds on and the JDK 25 it also tests on.
find_java_release() {
  local java major best="" best_major=0 min=$1 max=${2:-999}
  while IFS= read -r java; do
    major=$(java_major "$java")
    if [ "${major:-0}" -ge "$min" ] && [ "$major" -le "$max" ] && [ "$major" -gt "$best_major" ]; then
      best=$java
      best_major=$major
    fi
  done < <(java_candidates)
  [ -n "$best" ] && echo "$best"
}

# The oldest Node.js the build and the tests run on, as in the `engines` field of every
# package.json (the js-libp2p test peer needs 20.19, with polyfill.mjs for what came in 22).
VPP_MIN_NODE=20.19.0

# Whether the dotted version $1 is at least $2.
version_at_least() {
  local IFS=. i
  local -a have want
  read -r -a have <<<"$1"
  read -r -a want <<<"$2"
  for i in 0 1 2; do
    if [ "${have[i]:-0}" -gt "${want[i]:-0}" ]; then return 0; fi
    if [ "${have[i]:-0}" -lt "${want[i]:-0}" ]; then return 1; fi
  done
  return 0
}

# Checks that a Node.js of at least VPP_MIN_NODE is on PATH; explains on stderr otherwise.
check_node() {
  local version
  if ! command -v node >/dev/null 2>&1; then
    echo "error: 'node' is not installed: install Node.js $VPP_MIN_NODE or newer" >&2
    return 127
  fi
  version=$(node --version 2>/dev/null)
  version=${version#v}
  if ! version_at_least "$version" "$VPP_MIN_NODE"; then
    echo "error: Node.js $version is too old: the build and the tests need $VPP_MIN_NODE or newer (engines in package.json)" >&2
    return 1
  fi
}

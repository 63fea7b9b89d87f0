# Sourced by ./vq and ./test: finds a JDK 25+ and Maven, exporting JAVA_HOME and VQ_JAVA.
# Order: $JAVA_HOME if it is 25 or newer, else the newest JDK under /usr/lib/jvm (or $VQ_JVM_DIR).
vq_java_major() { # $1 = java binary; prints the feature version (17, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
vq_find_jdk() {
  local cand best="" best_v=0 v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(vq_java_major "$JAVA_HOME/bin/java")
    if [ "${v:-0}" -ge 25 ] 2>/dev/null; then echo "$JAVA_HOME"; return 0; fi
  fi
  for cand in "${VQ_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -x "$cand/bin/javac" ] || continue
    v=$(vq_java_major "$cand/bin/java")
    if [ "${v:-0}" -ge 25 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$cand"; best_v="$v"; fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  return 1
}
if ! VQ_JDK=$(vq_find_jdk); then
  echo "vq: no JDK 25 or newer found." >&2
  echo "    Looked at \$JAVA_HOME (${JAVA_HOME:-unset}) and ${VQ_JVM_DIR:-/usr/lib/jvm}/*." >&2
  echo "    Install one (e.g. Temurin 25: apt install temurin-25-jdk) or set JAVA_HOME to it." >&2
  exit 2
fi
export JAVA_HOME="$VQ_JDK"
export VQ_JAVA="$VQ_JDK/bin/java"
if ! command -v mvn >/dev/null 2>&1; then
  echo "vq: Maven (mvn) is not on PATH; it is needed to build vq (apt install maven)." >&2
  exit 2
fi
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
VQ_JVM_FLAGS="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"

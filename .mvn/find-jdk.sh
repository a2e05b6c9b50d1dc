# Sourced by ./mvnw and ./haven: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if new enough, then `java` on the PATH, then every JDK under /usr/lib/jvm
# and /opt (newest first). Stops with one line saying what to install when none is found.
haven_jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
haven_find_jdk() {
  case $- in *f*) _noglob=1; set +f ;; *) _noglob= ;; esac
  _path_java=$(command -v java 2>/dev/null || true)
  [ -n "$_path_java" ] && _path_java=$(dirname "$(dirname "$(readlink -f "$_path_java")")")
  for _jdk in "${JAVA_HOME-}" "$_path_java" $(ls -d /usr/lib/jvm/*/ /opt/*jdk*/ 2>/dev/null | sort -r -V); do
    _jdk=${_jdk%/}
    [ -n "$_jdk" ] && [ -x "$_jdk/bin/javac" ] || continue
    _major=$(haven_jdk_major "$_jdk")
    if [ -n "$_major" ] && [ "$_major" -ge 21 ]; then
      JAVA_HOME=$_jdk
      export JAVA_HOME
      [ -z "$_noglob" ] || set -f
      return 0
    fi
  done
  echo "haven: needs a JDK 21 or newer (found none in JAVA_HOME, PATH or /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or set JAVA_HOME" >&2
  exit 1
}
haven_find_jdk

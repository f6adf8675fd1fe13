#!/usr/bin/env bash
# Builds the operator gateway's tarball: target/gateway/evpower-gateway-VERSION.tar.gz with bin/evpower-gateway (a
# launcher for the Java 17+ the server already has), lib/ (the project's jar and what the gateway needs of its
# dependencies: the desktop's JavaFX, controls, icons and map are left out), an example systemd unit and README.
# The console's installers are built by build-linux.sh and friends, not here. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

NAME=evpower-gateway
VERSION=$(sed -n '/<artifactId>evpower-console<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)
OUT=target/gateway
DIR=$OUT/$NAME-$VERSION

rm -rf "$OUT"
mkdir -p "$DIR/bin" "$DIR/lib"
mvn -B -ntp -q package -DskipTests   # the jar as the sources are now (quick after a verify)
mvn -B -ntp -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$DIR/lib" \
    -DexcludeGroupIds=org.openjfx,org.controlsfx,io.github.mkpaz,org.kordamp.ikonli,org.webjars,org.webjars.npm,com.dlsc,org.xerial
cp "target/evpower-console-$VERSION.jar" "$DIR/lib/"
cp installer/gateway/evpower-gateway "$DIR/bin/"
chmod 755 "$DIR/bin/evpower-gateway"
cp installer/gateway/evpower-gateway.service installer/gateway/README.md "$DIR/"
tar -czf "$OUT/$NAME-$VERSION.tar.gz" -C "$OUT" "$NAME-$VERSION"
echo "gateway: $OUT/$NAME-$VERSION.tar.gz, $(stat -c %s "$OUT/$NAME-$VERSION.tar.gz" | awk '{printf "%.1f", $1 / 1e6}') MB"

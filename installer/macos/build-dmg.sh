#!/usr/bin/env bash
# Builds a .dmg of the console on macOS, from the same Maven build as the Linux packages: a jlink runtime of the same
# JDK modules, the same jars, the same heap cap (installer/runtime.properties), the icon from assets/icon.
# Needs: JDK 17+ (jlink, jpackage), Maven, Xcode command line tools. Run from anywhere: installer/macos/build-dmg.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

NAME="EvPower Console"
OUT=target/installer
VERSION=$(sed -n '/<artifactId>evpower-console<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q;}' pom.xml)
APP_VERSION=${VERSION%%-*}
# macOS wants a first version number of at least 1 in a bundle
case "$APP_VERSION" in 0.*) APP_VERSION=1.${APP_VERSION#0.} ;; esac
MODULES=$(sed -n 's/^modules=//p' installer/runtime.properties)
JAVA_OPTIONS=$(sed -n 's/^java-options=//p' installer/runtime.properties)

rm -rf "$OUT"
mkdir -p "$OUT/input"
mvn -B -ntp -q package -DskipTests
mvn -B -ntp -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$OUT/input"
cp "target/evpower-console-$VERSION.jar" "$OUT/input/"

jlink --add-modules "$MODULES" --include-locales=en,ru,ky --strip-debug --no-header-files --no-man-pages \
    --output "$OUT/runtime"

jpackage --type dmg --name "$NAME" --app-version "$APP_VERSION" --vendor EvPower \
    --description "EvPower operator console" --icon assets/icon/evpower-console.icns \
    --input "$OUT/input" --main-jar "evpower-console-$VERSION.jar" --main-class kg.evpower.console.Launcher \
    --runtime-image "$OUT/runtime" --java-options "$JAVA_OPTIONS" \
    --mac-package-identifier kg.evpower.console --mac-package-name "EvPower Console" --dest "$OUT"
ls -l "$OUT"/*.dmg

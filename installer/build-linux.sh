#!/usr/bin/env bash
# Builds the console's installers on Linux: a jlink runtime, a jpackage app-image and a .deb (and an .rpm where
# rpmbuild exists), all under target/installer/. Run from anywhere: installer/build-linux.sh
# Needs a JDK 17+ with jlink and jpackage, Maven, and dpkg-deb + fakeroot for the .deb.
set -euo pipefail
cd "$(dirname "$0")/.."

NAME=evpower-console
OUT=target/installer
# the project's version, from pom.xml (the first <version> after our artifactId); packages take only digits and dots
VERSION=$(sed -n '/<artifactId>evpower-console<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)
APP_VERSION=${VERSION%%-*}
MAIN_CLASS=kg.evpower.console.Launcher
# The JDK modules the console and its libraries use (JavaFX itself comes as jars on the class path).
MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,\
java.sql,java.xml,java.security.jgss,jdk.crypto.ec,jdk.jsobject,jdk.unsupported,jdk.xml.dom,jdk.charsets,jdk.localedata,\
jdk.zipfs,jdk.net

rm -rf "$OUT"
mkdir -p "$OUT/input"
mvn -B -ntp -q package -DskipTests
mvn -B -ntp -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$OUT/input"
cp "target/$NAME-$VERSION.jar" "$OUT/input/"

# Rewrites jar $1, stored (not deflated: the package's xz then compresses all classes together, far better), after
# running the command "$2" in its unpacked tree ($OLDPWD there is the project folder).
rewrite_jar() {
    local jar=$1 tree
    tree=$(mktemp -d)
    (cd "$tree" && jar xf "$OLDPWD/$jar" && eval "$2")
    rm "$jar"
    if [ -f "$tree/META-INF/MANIFEST.MF" ]; then
        jar --create --no-compress --file "$jar" --manifest "$tree/META-INF/MANIFEST.MF" -C "$tree" .
    else
        jar --create --no-compress --file "$jar" -C "$tree" .
    fi
    rm -rf "$tree"
}

# JavaFX's native libraries move out of its jars to beside them, where JavaFX loads them first: nothing is unpacked
# into ~/.openjfx at the first start, and the package compresses them far better than the jars' deflate (WebKit alone:
# 45 MB in its jar, about 30 MB in the .deb).
for j in "$OUT"/input/javafx-*-linux.jar; do
    rewrite_jar "$j" 'find . -maxdepth 1 -name "*.so" -exec mv {} "$OLDPWD/$OUT/input/" \;'
done
# sqlite-jdbc carries its native library for every system; the Linux x86-64 package needs one.
for j in "$OUT"/input/sqlite-jdbc-*.jar; do
    rewrite_jar "$j" "find org/sqlite/native -mindepth 1 -maxdepth 1 ! -name Linux -exec rm -rf {} + \
        && find org/sqlite/native/Linux -mindepth 1 -maxdepth 1 ! -name x86_64 -exec rm -rf {} +"
done
for j in "$OUT"/input/*.jar; do
    case "$j" in *javafx-*-linux.jar|*sqlite-jdbc-*) ;; *) rewrite_jar "$j" true ;; esac
done

jlink --add-modules "$MODULES" --include-locales=en,ru,ky --strip-debug --no-header-files --no-man-pages \
    --output "$OUT/runtime"

jpackage --type app-image --name "$NAME" --app-version "$APP_VERSION" --vendor EvPower \
    --description "EvPower operator console" \
    --input "$OUT/input" --main-jar "$NAME-$VERSION.jar" --main-class "$MAIN_CLASS" \
    --runtime-image "$OUT/runtime" --java-options "-Xmx768m" --dest "$OUT"

jpackage --type deb --app-image "$OUT/$NAME" --name "$NAME" --app-version "$APP_VERSION" --vendor EvPower \
    --description "EvPower operator console" --linux-shortcut --linux-menu-group "Utility" \
    --linux-app-category utils --dest "$OUT"
if command -v rpmbuild >/dev/null; then
    jpackage --type rpm --app-image "$OUT/$NAME" --name "$NAME" --app-version "$APP_VERSION" --vendor EvPower \
        --description "EvPower operator console" --linux-shortcut --linux-menu-group "Utility" --dest "$OUT"
fi
ls -l "$OUT"/*.deb "$OUT"/*.rpm 2>/dev/null || true

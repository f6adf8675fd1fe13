#!/usr/bin/env bash
# Builds the console's installers on Linux: a jlink runtime, a jpackage app-image and a .deb (and an .rpm where
# rpmbuild exists), all under target/installer/. Run from anywhere: installer/build-linux.sh
# Needs a JDK 17+ with jlink and jpackage, Maven, dpkg-deb + fakeroot for the .deb, and an X display or Xvfb for the
# training run that records which classes the console loads (its start-up archive is built from that list).
set -euo pipefail
cd "$(dirname "$0")/.."

NAME=evpower-console
OUT=target/installer
INSTALL_DIR=/opt/$NAME
# the project's version, from pom.xml (the first <version> after our artifactId); packages take only digits and dots
VERSION=$(sed -n '/<artifactId>evpower-console<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)
APP_VERSION=${VERSION%%-*}
MAIN_CLASS=kg.evpower.console.Launcher
# the runtime's modules and the heap cap, shared with the Windows and macOS scripts
MODULES=$(sed -n 's/^modules=//p' installer/runtime.properties)
JAVA_OPTIONS=$(sed -n 's/^java-options=//p' installer/runtime.properties)
ICONS=assets/icon

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
# 45 MB in its jar, about 30 MB in the .deb). The FFmpeg plugins are left out: they only bind to a system libavcodec
# for audio/video the console never plays (and that the package does not depend on).
for j in "$OUT"/input/javafx-*-linux.jar; do
    rewrite_jar "$j" 'rm -f libavplugin*.so; find . -maxdepth 1 -name "*.so" -exec mv {} "$OLDPWD/$OUT/input/" \;'
done
# sqlite-jdbc carries its native library for every system; the Linux x86-64 package needs one.
for j in "$OUT"/input/sqlite-jdbc-*.jar; do
    rewrite_jar "$j" "find org/sqlite/native -mindepth 1 -maxdepth 1 ! -name Linux -exec rm -rf {} + \
        && find org/sqlite/native/Linux -mindepth 1 -maxdepth 1 ! -name x86_64 -exec rm -rf {} +"
done
# The map loads leaflet.js and leaflet.markercluster.js; their unminified sources and source maps stay out.
for j in "$OUT"/input/leaflet-*.jar; do
    rewrite_jar "$j" 'find META-INF/resources/webjars \( -name "*.map" -o -name "*-src.js" -o -name "*-src.esm.js" \
        -o -name CHANGELOG.md \) -delete; rm -rf META-INF/resources/webjars/leaflet/*/src'
done
for j in "$OUT"/input/*.jar; do
    case "$j" in *javafx-*-linux.jar|*sqlite-jdbc-*|*leaflet-*) ;;
        *) rewrite_jar "$j" true ;; esac
done

jlink --add-modules "$MODULES" --include-locales=en,ru,ky --strip-debug --no-header-files --no-man-pages \
    --output "$OUT/runtime"

jpackage --type app-image --name "$NAME" --app-version "$APP_VERSION" --vendor EvPower \
    --description "EvPower operator console" --icon "$ICONS/$NAME-256.png" \
    --input "$OUT/input" --main-jar "$NAME-$VERSION.jar" --main-class "$MAIN_CLASS" \
    --runtime-image "$OUT/runtime" --java-options "$JAVA_OPTIONS" --dest "$OUT"
IMAGE=$OUT/$NAME

# The launcher. JDK 17's jpackage launcher asks rpm and dpkg, four times, which package owns it before it starts Java:
# about 0.2 s of every start. This script starts the same Java with the same class path and options (those in the
# app-image's .cfg) directly, and builds the start-up archive when the package is installed (--dump-class-archive).
CLASS_PATH=$(sed -n 's/^app\.classpath=\$APPDIR\//$APP\//p' "$IMAGE/lib/app/$NAME.cfg" | paste -sd:)
CFG_OPTIONS=$(sed -n 's/^java-options=//p' "$IMAGE/lib/app/$NAME.cfg" | paste -sd' ')
cat > "$IMAGE/bin/$NAME" <<EOF
#!/bin/sh
# Starts EvPower Console $VERSION on its own Java runtime (written by installer/build-linux.sh).
# EVPOWER_JAVA_OPTIONS adds options for Java, e.g. EVPOWER_JAVA_OPTIONS=-Xmx1g
APP=\$(dirname "\$(readlink -f "\$0")")
APP=\${APP%/bin}/lib/app
CP="$CLASS_PATH"
if [ "\${1:-}" = "--dump-class-archive" ]; then
    exec "\$APP/../runtime/bin/java" $CFG_OPTIONS -Xshare:dump -XX:SharedClassListFile="\$APP/$NAME.classlist" \\
        -XX:SharedArchiveFile="\$APP/$NAME.jsa" -cp "\$CP"
fi
exec "\$APP/../runtime/bin/java" $CFG_OPTIONS -XX:SharedArchiveFile="\$APP/$NAME.jsa" \${EVPOWER_JAVA_OPTIONS:-} \\
    -cp "\$CP" $MAIN_CLASS "\$@"
EOF
chmod 755 "$IMAGE/bin/$NAME"

# The training run: the console starts to its login window and its sandbox, on a throw-away home, recording every
# class it loads. The package carries that list; its postinst turns it into the archive.
XVFB_PID=
if [ -z "${DISPLAY:-}" ]; then
    command -v Xvfb >/dev/null || { echo "no DISPLAY and no Xvfb: install xvfb for the training run" >&2; exit 1; }
    export DISPLAY=:$((90 + RANDOM % 100))
    Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    sleep 1
fi
TRAIN=$(mktemp -d)
EVPOWER_JAVA_OPTIONS="-XX:DumpLoadedClassList=$TRAIN/classes -Duser.home=$TRAIN" XDG_CONFIG_HOME=$TRAIN/config \
    XDG_DATA_HOME=$TRAIN/data XDG_STATE_HOME=$TRAIN/state XDG_CACHE_HOME=$TRAIN/cache \
    "$IMAGE/bin/$NAME" >"$TRAIN/log" 2>&1 &
APP_PID=$!
for _ in $(seq 300); do
    grep -q "sandbox ready" "$TRAIN/log" && break
    kill -0 $APP_PID 2>/dev/null || break
    sleep 0.2
done
sleep 2
kill $APP_PID 2>/dev/null || true
wait $APP_PID 2>/dev/null || true
[ -n "$XVFB_PID" ] && kill "$XVFB_PID"
if ! grep -q "started after" "$TRAIN/log" || ! grep -q "sandbox ready" "$TRAIN/log"; then
    echo "the training run did not reach the login window and the sandbox:" >&2
    cat "$TRAIN/log" >&2
    exit 1
fi
cp "$TRAIN/classes" "$IMAGE/lib/app/$NAME.classlist"
echo "training run: $(grep -o 'started after [0-9]* ms' "$TRAIN/log"), $(wc -l <"$IMAGE/lib/app/$NAME.classlist") classes listed"
rm -rf "$TRAIN"

RESOURCES=$OUT/resources
mkdir -p "$RESOURCES"
for f in installer/linux/*; do
    sed "s|@INSTALL_DIR@|$INSTALL_DIR|g; s|@NAME@|$NAME|g" "$f" >"$RESOURCES/$(basename "$f")"
done
jpackage --type deb --app-image "$IMAGE" --name "$NAME" --app-version "$APP_VERSION" --vendor EvPower \
    --description "EvPower operator console" --linux-shortcut --linux-menu-group "Utility" \
    --linux-app-category utils --resource-dir "$RESOURCES" --install-dir /opt --dest "$OUT"
if command -v rpmbuild >/dev/null; then
    jpackage --type rpm --app-image "$IMAGE" --name "$NAME" --app-version "$APP_VERSION" --vendor EvPower \
        --description "EvPower operator console" --linux-shortcut --linux-menu-group "Utility" --install-dir /opt \
        --dest "$OUT"
fi
ls -l "$OUT"/*.deb "$OUT"/*.rpm 2>/dev/null || true

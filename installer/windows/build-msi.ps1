# Builds a per-user .msi of the console on Windows (no administrator rights needed to install it), from the same
# Maven build as the Linux packages: a jlink runtime of the same JDK modules, the same jars, the same heap cap (installer\runtime.properties).
# Needs: JDK 17+ (jlink, jpackage), Maven, WiX Toolset 3.x on PATH (candle.exe, light.exe).
# Run from the project folder:  powershell -ExecutionPolicy Bypass -File installer\windows\build-msi.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

$Name = "EvPower Console"
$Out = "target\installer"
$Pom = [xml](Get-Content pom.xml)
$Version = $Pom.project.version
$AppVersion = ($Version -split "-")[0]
# the runtime's modules and the heap cap, shared with the Linux and macOS scripts
$Runtime = ConvertFrom-StringData (Get-Content -Raw installer\runtime.properties)
$Modules = $Runtime["modules"]
$JavaOptions = $Runtime["java-options"]

if (Test-Path $Out) { Remove-Item -Recurse -Force $Out }
New-Item -ItemType Directory -Force "$Out\input" | Out-Null
mvn -B -ntp -q package -DskipTests
mvn -B -ntp -q dependency:copy-dependencies -DincludeScope=runtime "-DoutputDirectory=$Out\input"
Copy-Item "target\evpower-console-$Version.jar" "$Out\input\"

jlink --add-modules $Modules --include-locales=en,ru,ky --strip-debug --no-header-files --no-man-pages `
    --output "$Out\runtime"

# The upgrade code stays the same for every version, so a newer .msi replaces the installed one.
jpackage --type msi --name $Name --app-version $AppVersion --vendor EvPower `
    --description "EvPower operator console" --icon assets\icon\evpower-console.ico `
    --input "$Out\input" --main-jar "evpower-console-$Version.jar" --main-class kg.evpower.console.Launcher `
    --runtime-image "$Out\runtime" --java-options $JavaOptions `
    --win-per-user-install --win-menu --win-menu-group EvPower --win-shortcut `
    --win-upgrade-uuid 6f3c1a52-4b7e-4f0e-9a51-2d8c0e7b9f14 --dest $Out
Get-ChildItem "$Out\*.msi"

#!/usr/bin/env bash
# The packaging checks CI runs after `make check` (.ci/run calls this script); they also run by
# hand on a Linux machine with the project's .venv:
#
#   bash packaging/ci-package-checks.sh
#
# 1. The desktop files validate with desktop-file-validate and appstreamcli, without a warning.
# 2. `make package` builds the frozen app; both of its programs pass their self-test, run from
#    outside the source tree.
# 3. The wheel, installed into a fresh virtual environment outside the source tree, passes
#    `sre-workshop-cli self-test` and `sre-workshop --self-test` there, with its resources taken
#    from the installed package: nothing depends on the source tree.
#
# Each step prints its time. The validators come from Debian's desktop-file-utils and appstream
# packages (.ci/run installs them); without them step 1 fails, unless SKIP_DESKTOP_VALIDATORS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
APP_ID=$(sed -n 's/^APP_ID = "\(.*\)"$/\1/p' ui/app.py)
export QT_QPA_PLATFORM=offscreen
unset PYTHONPATH SRE_WORKSHOP_DATA_DIR

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

step_started=$SECONDS
step() {
  printf '\n=== %s\n' "$*"
  step_started=$SECONDS
}
took() {
  printf -- '--- %s took %d s\n' "$1" $((SECONDS - step_started))
}
fail() {
  printf 'packaging check failed: %s\n' "$*" >&2
  exit 1
}

step "desktop files ($APP_ID)"
[ -n "$APP_ID" ] || fail "no APP_ID in ui/app.py"
desktop_file=packaging/linux/$APP_ID.desktop
metainfo=packaging/linux/$APP_ID.metainfo.xml
if command -v desktop-file-validate >/dev/null && command -v appstreamcli >/dev/null; then
  # desktop-file-validate exits 0 on warnings, so any output at all counts as a failure.
  output=$(desktop-file-validate "$desktop_file" 2>&1) || fail "$output"
  [ -z "$output" ] || fail "desktop-file-validate: $output"
  echo "desktop-file-validate $desktop_file: no errors, no warnings"
  appstreamcli validate --no-net --strict --explain "$metainfo" || fail "appstreamcli validate"
elif [ "${SKIP_DESKTOP_VALIDATORS:-0}" = 1 ]; then
  echo "validators not installed; skipped (SKIP_DESKTOP_VALIDATORS=1)"
else
  fail "desktop-file-validate and appstreamcli are needed (apt-get install desktop-file-utils appstream)"
fi
took "validating"

step "frozen build: make package"
make package
size=$(du -sh dist/sre-workshop | cut -f1)
echo "dist/sre-workshop: $size"
took "the frozen build"

step "frozen build: self-tests, run from $WORK"
(cd "$WORK" && "$ROOT/dist/sre-workshop/sre-workshop" --self-test) || fail "sre-workshop --self-test"
(cd "$WORK" && "$ROOT/dist/sre-workshop/sre-workshop-cli" self-test) || fail "sre-workshop-cli self-test"
took "the frozen self-tests"

step "wheel in a fresh virtual environment in $WORK"
"$ROOT/.venv/bin/python" -m pip wheel --quiet --no-deps --wheel-dir "$WORK/wheel" "$ROOT"
wheel=$(ls "$WORK"/wheel/sre_workshop-*.whl)
echo "built $(basename "$wheel")"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --upgrade pip
"$WORK/venv/bin/python" -m pip install --quiet "$wheel"
took "building and installing the wheel"

step "wheel: self-tests, run from $WORK"
cd "$WORK"
"$WORK/venv/bin/sre-workshop-cli" self-test | tee "$WORK/cli-self-test.txt" ||
  fail "sre-workshop-cli self-test from the wheel"
grep -q "(installed package)" "$WORK/cli-self-test.txt" || fail "the self-test did not run from the wheel"
resources=$(sed -n 's/.* files in \(.*\); .*/\1/p' "$WORK/cli-self-test.txt")
case "$resources" in
  "$WORK"/venv/*/sre_workshop/_resources) echo "resources came from the wheel: $resources" ;;
  *) fail "resources came from $resources, not from the installed wheel" ;;
esac
"$WORK/venv/bin/sre-workshop" --self-test || fail "sre-workshop --self-test from the wheel"
cd "$ROOT"
took "the wheel self-tests"

echo
echo "packaging checks passed"

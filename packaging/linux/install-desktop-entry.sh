#!/bin/sh
# Add SRE Workshop to this user's application menu (Linux), or take it out again.
#
#   ./install-desktop-entry.sh             menu entry, icon and AppStream data for this user
#   ./install-desktop-entry.sh --uninstall remove them again (the data folder is not touched)
#
# Run it from the unpacked sre-workshop folder; the menu entry starts the sre-workshop program
# beside this script, so move the folder first, then run the script (again). Nothing needs root.
set -eu

APP_ID=io.github.sreworkshop.SREWorkshop
HERE=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
DESKTOP_DIR=$DATA_HOME/applications
METAINFO_DIR=$DATA_HOME/metainfo
ICON_DIR=$DATA_HOME/icons/hicolor
SIZES="16 24 32 48 64 128 256 512"

# The frozen build keeps the desktop files and the icons under _internal/ (see the spec).
SHARE=$HERE/_internal
ICONS=$SHARE/resources/icons

# Menus notice new .desktop files by themselves; an icon cache, where the user has one, must be
# brought up to date (none is created: without one, icons are looked up directly).
refresh() {
  if [ -f "$ICON_DIR/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$ICON_DIR" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$DESKTOP_DIR/$APP_ID.desktop" "$METAINFO_DIR/$APP_ID.metainfo.xml" \
    "$ICON_DIR/scalable/apps/$APP_ID.svg"
  for size in $SIZES; do
    rm -f "$ICON_DIR/${size}x${size}/apps/$APP_ID.png"
  done
  refresh
  echo "Removed SRE Workshop from the application menu."
  exit 0
fi

if [ ! -x "$HERE/sre-workshop" ] || [ ! -f "$SHARE/$APP_ID.desktop" ]; then
  echo "error: run this script from the unpacked sre-workshop folder (no program beside it)" >&2
  exit 1
fi

mkdir -p "$DESKTOP_DIR" "$METAINFO_DIR" "$ICON_DIR/scalable/apps"
for size in $SIZES; do
  mkdir -p "$ICON_DIR/${size}x${size}/apps"
  cp "$ICONS/sre-workshop-$size.png" "$ICON_DIR/${size}x${size}/apps/$APP_ID.png"
done
cp "$ICONS/sre-workshop.svg" "$ICON_DIR/scalable/apps/$APP_ID.svg"
cp "$SHARE/$APP_ID.metainfo.xml" "$METAINFO_DIR/$APP_ID.metainfo.xml"
# The menu entry runs this folder's program by its full path, quoted as the Desktop Entry
# specification asks: \ " ` $ escaped inside the quotes, then every \ doubled, % as %%.
EXEC=$(printf '%s' "$HERE/sre-workshop" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
{
  grep -v -e '^Exec=' -e '^TryExec=' "$SHARE/$APP_ID.desktop"
  printf 'Exec="%s"\n' "$EXEC"
} >"$DESKTOP_DIR/$APP_ID.desktop"
refresh
echo "Added SRE Workshop to the application menu ($DESKTOP_DIR/$APP_ID.desktop)."

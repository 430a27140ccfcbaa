#!/bin/sh
# Registers this Styrkort folder for the current user on Linux: the menu entry,
# the icon and the .styrkort file type, so that a double-click on a goal file
# opens Styrkort. Writes only under ~/.local/share (XDG_DATA_HOME); run it
# again after moving the folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}

mkdir -p "$data/applications" "$data/mime/packages" "$data/icons"
cp -R "$here/share/icons/." "$data/icons/"
cp "$here/share/mime/packages/styrkort.xml" "$data/mime/packages/"
# The menu entry runs this very folder's program, wherever it lies.
sed -e "s|^Exec=.*|Exec=\"$here/styrkort\" %f|" -e "s|^TryExec=.*|TryExec=$here/styrkort|" \
    "$here/share/applications/styrkort.desktop" > "$data/applications/styrkort.desktop"

if command -v update-mime-database >/dev/null; then
    update-mime-database "$data/mime"
else
    echo "Obs: update-mime-database saknas (paketet shared-mime-info); filtypen .styrkort blir känd först när det finns." >&2
fi
if command -v update-desktop-database >/dev/null; then update-desktop-database "$data/applications"; fi
if command -v xdg-mime >/dev/null; then xdg-mime default styrkort.desktop application/x-styrkort; fi
if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t "$data/icons/hicolor" || true; fi
echo "Styrkort är registrerat för $(id -un): menyposten, ikonen och filtypen .styrkort ($here/styrkort)."

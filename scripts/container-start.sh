#!/bin/sh
# Entry point of the golessons image. On every start it copies the lessons
# baked into the image into the student's writable home, never overwriting a
# file that is already there (the student's edits win; lessons added by a newer
# image appear). Then it runs the command: JupyterLab by default, or
# jupyterhub-singleuser when JupyterHub's spawner passes it as arguments.
set -eu
src=${GOLESSONS_LESSONS_SRC:-/opt/golessons/lessons}
dst=${GOLESSONS_LESSONS_DIR:-$HOME/lessons}
if [ -d "$src" ]; then
  mkdir -p "$dst"
  cp -Rn "$src/." "$dst/" || echo "golessons-start: could not copy lessons to $dst" >&2
fi
cd "$HOME"
exec "$@"

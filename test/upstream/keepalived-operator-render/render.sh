#!/bin/bash
# render.sh KEEPALIVED_OPERATOR_GIT_DIR OUT_DIR: every case of
# test/fixtures/keepalived-operator/cases/*.json into OUT_DIR/<case>.conf. Needs Go and git.
set -euo pipefail
src=$1; out=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$here/main.go" "$work/"
git --git-dir "$src" show HEAD:config/templates/keepalived-template.yaml > "$work/template.yaml"
(cd "$work" && printf 'module kaorender\n\ngo 1.19\n' > go.mod && go build -o render .)
for f in "$here"/../../fixtures/keepalived-operator/cases/*.json; do
  name=$(basename "$f" .json)
  "$work/render" "$work/template.yaml" "$f" > "$out/$name.conf"
  echo "wrote $name.conf"
done

#!/bin/bash
# render.sh MCO_GIT_DIR RUNTIMECFG_GIT_DIR OUT_DIR: renders every case of
# test/fixtures/openshift4/onprem/cases/*.json into OUT_DIR/<case>.conf.
# Needs Go (any version with text/template) and git.
set -euo pipefail
mco=$1; rtc=$2; out=$3
here=$(cd "$(dirname "$0")" && pwd)
cases=$here/../../fixtures/openshift4/onprem/cases
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$here/main.go" "$work/"
{ echo "package main"; echo; git --git-dir "$rtc" show HEAD:pkg/utils/utils.go | sed -n '/^func FletcherChecksum8/,/^}/p'; } > "$work/fletcher_upstream.go"
(cd "$work" && printf 'module onpremrender\n\ngo 1.19\n' > go.mod && go build -o render .)
for f in "$cases"/*.json; do
  name=$(basename "$f" .json)
  role=$(sed -n 's/.*"role": *"\([a-z]*\)".*/\1/p' "$f" | head -1)
  git --git-dir "$mco" show "HEAD:templates/$role/00-$role/on-prem/files/keepalived-keepalived.yaml" > "$work/$role.yaml"
  "$work/render" "$work/$role.yaml" "$f" > "$out/$name.conf"
  echo "wrote $name.conf"
done

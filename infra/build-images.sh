#!/usr/bin/env bash
# Builds (and with --push, pushes) one image per deployable piece from the repository's one Dockerfile.
#   infra/build-images.sh REGISTRY TAG [--push]     e.g. infra/build-images.sh ghcr.io/example-trust 1.0.0 --push
#   infra/build-images.sh --print REGISTRY TAG      only print the docker commands (what the Kubernetes tests read)
# The pieces and their projects come from docs/layout.md's table, so a new piece is built once it is listed there.
# Images are named <REGISTRY>/trustsafety-<piece>:<TAG>, as k8s/overlays/production/kustomization.yaml expects.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

print=0
if [ "${1:-}" = --print ]; then print=1; shift; fi
registry="${1:?usage: infra/build-images.sh [--print] REGISTRY TAG [--push]}"
tag="${2:?usage: infra/build-images.sh [--print] REGISTRY TAG [--push]}"
push="${3:-}"

# | piece | project | local port | database | ... |
pieces="$(sed -n 's/^| \([a-z-]*\) | \([A-Za-z0-9./-]*\.csproj\) | .*/\1 \2/p' docs/layout.md)"
[ -n "$pieces" ] || { echo "no pieces found in docs/layout.md" >&2; exit 1; }

while read -r piece project; do
  runtime=chiseled
  # Reporting prints governor-pack PDFs with headless Chromium (Reporting__ChromiumPath in its ConfigMap).
  [ "$piece" = reporting ] && runtime=chromium
  image="$registry/trustsafety-$piece:$tag"
  build=(docker build --build-arg "PROJECT=$project" --build-arg "RUNTIME=$runtime" -t "$image" .)
  if [ "$print" = 1 ]; then
    echo "${build[*]}"
    [ "$push" = --push ] && echo "docker push $image"
    continue
  fi
  echo "== $piece ($project, runtime $runtime) -> $image" >&2
  "${build[@]}"
  if [ "$push" = --push ]; then docker push "$image"; fi
done <<<"$pieces"

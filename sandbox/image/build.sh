#!/usr/bin/env bash
# Builds the Assay sandbox image without any container registry:
#   debootstrap --variant=minbase (bookworm, from this machine's configured Debian mirror)
#   + python3 + openjdk-17-jre-headless + the runners, then `docker import`.
# Idempotent: does nothing when the tag exists and carries the current runners' checksum.
# The debootstrapped root fs is cached as a tarball under $ASSAY_CACHE (default ~/.cache/assay),
# so a rebuild after a runner change takes seconds.
#
# env: ASSAY_CACHE          cache dir (default $HOME/.cache/assay)
#      ASSAY_DEBIAN_MIRROR  override the mirror (default: first bookworm URI in apt's sources)
#      ASSAY_IMAGE          override the tag (default assay-sandbox:$(cat VERSION))
#      ASSAY_FORCE=1        rebuild the image even when the tag is current
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runners="$here/../runners"
version="$(tr -d '[:space:]' < "$here/VERSION")"
image="${ASSAY_IMAGE:-assay-sandbox:$version}"
cache="${ASSAY_CACHE:-$HOME/.cache/assay}"
suite=bookworm
packages=python3,openjdk-17-jre-headless
# The root fs recipe (suite, packages, slimming) has its own version: a runner change bumps
# VERSION (a new image tag, so daemons of an older checkout keep their image) without a new
# debootstrap.
rootfs_version=1
base_tar="$cache/rootfs-$suite-v$rootfs_version.tar"

log() { echo "build.sh: $*" >&2; }

docker info >/dev/null 2>&1 || { log "no Docker engine answers (start dockerd first)"; exit 3; }

old_id="$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)"
runner_sum="$(cd "$runners" && find . -type f -name '*.py' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)"
if [[ "${ASSAY_FORCE:-0}" != 1 ]] && docker image inspect "$image" >/dev/null 2>&1; then
  have="$(docker image inspect -f '{{ index .Config.Labels "dev.assay.runners-sum" }}' "$image" 2>/dev/null || true)"
  if [[ "$have" == "$runner_sum" ]]; then
    log "$image is current (runners $runner_sum); nothing to do"
    exit 0
  fi
  log "$image has runners '$have', want $runner_sum: rebuilding"
fi

mirror() {
  if [[ -n "${ASSAY_DEBIAN_MIRROR:-}" ]]; then echo "$ASSAY_DEBIAN_MIRROR"; return; fi
  # deb822 sources: the first stanza whose Suites has the plain suite name
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    awk -v s="$suite" '
      /^[[:space:]]*$/ { if (u != "" && ok) { print u; exit } u=""; ok=0; next }
      /^URIs:/   { u=$2 }
      /^Suites:/ { for (i=2;i<=NF;i++) if ($i==s) ok=1 }
      END { if (u != "" && ok) print u }' "$f" | head -n1
  done
  # one-line sources
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | awk -v s="$suite" '$1=="deb" { for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) { if ($(i+1)==s) print $i; break } }'
}

if [[ ! -s "$base_tar" ]]; then
  url="$(mirror 2>/dev/null | head -n1 || true)"
  [[ -n "$url" ]] || { log "no $suite mirror in apt sources; set ASSAY_DEBIAN_MIRROR"; exit 2; }
  command -v debootstrap >/dev/null || { log "debootstrap missing: apt-get install -y debootstrap"; exit 2; }
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/rootfs.XXXXXX")"
  trap 'umount -l "$work/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
  log "debootstrap $suite from $url into $work (a few minutes)"
  debootstrap --variant=minbase --include="$packages" "$suite" "$work" "$url" >"$cache/debootstrap.log" 2>&1 \
    || { log "debootstrap failed, see $cache/debootstrap.log"; tail -n 20 "$cache/debootstrap.log" >&2; exit 4; }
  # slim it: nothing in the sandbox needs docs, man pages, locales or apt state
  rm -rf "$work"/usr/share/{doc,man,info,locale,lintian} "$work"/var/cache/apt/* "$work"/var/lib/apt/lists/* \
         "$work"/var/log/* "$work"/tmp/*
  grep -q '^nobody:' "$work/etc/passwd" || echo 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >> "$work/etc/passwd"
  grep -q '^nogroup:' "$work/etc/group" || echo 'nogroup:x:65534:' >> "$work/etc/group"
  tar -C "$work" --numeric-owner -cf "$base_tar.part" .
  mv "$base_tar.part" "$base_tar"
  rm -rf "$work"; trap - EXIT
  log "cached root fs: $base_tar ($(du -h "$base_tar" | cut -f1))"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
tar -C "$stage" -xf "$base_tar"
install -d -m 0755 "$stage/opt/assay"
install -m 0644 "$runners"/*.py "$stage/opt/assay/"
log "importing $image"
tar -C "$stage" --numeric-owner -c . | docker import \
  --change 'USER 65534:65534' \
  --change 'WORKDIR /tmp' \
  --change 'ENV LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 PATH=/usr/local/bin:/usr/bin:/bin' \
  --change 'ENTRYPOINT ["/usr/bin/python3", "-I", "/opt/assay/pyrunner.py", "--full-preload"]' \
  --change "LABEL dev.assay.sandbox-image=true dev.assay.image-version=$version dev.assay.runners-sum=$runner_sum" \
  --message "assay sandbox image v$version" - "$image" >/dev/null
if [[ -n "$old_id" && "$old_id" != "$(docker image inspect -f '{{.Id}}' "$image")" ]]; then
  docker rmi "$old_id" >/dev/null 2>&1 || true  # the superseded image, unless a container uses it
fi
log "built $image (runners $runner_sum)"

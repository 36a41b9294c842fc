#!/bin/sh
# Run a command inside a fresh, private network namespace (Linux, util-linux `unshare`).
#
# Why: Janus never gathers ICE candidates on loopback, so media tests need a non-loopback address,
# and nothing a test does may leave the machine. The namespace has `lo` plus a veth pair
# jpd0 (10.200.0.1/24) <-> jpd1 (no address) and no route anywhere else; it vanishes when the
# command exits. The interfaces must not be named veth*/tun*/tap*/vmnet*: werift skips those.
#
# The command runs as a child of a small shell that is PID 1 of a new PID namespace, so every
# process started inside (Janus, ffmpeg, ...) is killed by the kernel when the command ends,
# and `--kill-child` tears everything down if this script itself is killed. Works as root and
# for unprivileged users (user namespace with the caller mapped to root).
#
# Inside, JANUS_XSTATE_NETNS=1 and JANUS_XSTATE_NETNS_IP=10.200.0.1 are set for the tests.
#
# Usage: scripts/netns-run.sh <command> [args...]
#   e.g. scripts/netns-run.sh npx vitest run test/media
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

exec unshare --map-root-user --net --pid --fork --kill-child --mount-proc sh -c '
  set -eu
  # No IPv6 link-local noise on the veth pair: only 10.200.0.1 is a usable address.
  echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6 2>/dev/null || true
  ip link set lo up
  ip link add jpd0 type veth peer name jpd1
  ip addr add 10.200.0.1/24 dev jpd0
  ip link set jpd0 up
  ip link set jpd1 up
  export JANUS_XSTATE_NETNS=1 JANUS_XSTATE_NETNS_IP=10.200.0.1
  # Run as a child (not exec): this shell is PID 1 and its exit reaps the whole namespace.
  set +e
  "$@"
  status=$?
  exit "$status"
' netns-run "$@"

#!/bin/bash
# Changes a log's snapshot in place while `keepwarm lapsed --json` reads it, and checks that every answer is the full
# replay's (Docs/performance.md, "The snapshot, round four"): cut to half its size, 4 KB zeroed in the middle, or the
# second half of another snapshot of the same log written over it, 2 to 90 ms after the command started.
#   scripts/hostile-snapshot.sh [LOG]    (default: a 1M-event demo log made here; KEEPWARM=path/to/keepwarm)
set -u
K=${KEEPWARM:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/keepwarm}
[ -x "$K" ] || { echo "no keepwarm at $K: run make release, or set KEEPWARM"; exit 2; }
D=$(mktemp -d); trap 'rm -rf "$D"' EXIT
if [ $# -ge 1 ]; then cp "$1" "$D/h.log"; else "$K" demo --out "$D/h.log" --events 1000000 --seed 1 --now 2026-11-23T10:30:00Z >/dev/null; fi
cd "$D"
"$K" --log h.log lapsed --json > ref.json 2>/dev/null     # the full replay's answer; writes snapshot A
cp h.log.snapshot A.snap
mv h.log.snapshot keep; "$K" --log h.log lapsed --json >/dev/null 2>&1; cp h.log.snapshot B.snap; mv keep h.log.snapshot
SIZE=$(stat -c %s A.snap)
ok=0; bad=0
for action in truncate zero-middle other-half; do
  for delay in 0.002 0.01 0.02 0.04 0.06 0.09; do
    cat A.snap > h.log.snapshot   # in place: the same file, as a sync client or an editor would leave it
    KEEPWARM_DEBUG=1 "$K" --log h.log lapsed --json > out.json 2> err.txt &
    pid=$!
    sleep $delay
    case $action in
      truncate) truncate -s $((SIZE / 2)) h.log.snapshot ;;
      zero-middle) dd if=/dev/zero of=h.log.snapshot bs=1 seek=$((SIZE / 2)) count=4096 conv=notrunc status=none ;;
      other-half) dd if=B.snap of=h.log.snapshot bs=1M skip=$((SIZE / 2 / 1048576)) seek=$((SIZE / 2 / 1048576)) conv=notrunc status=none ;;
    esac
    wait $pid; rc=$?
    reason=$(grep -o "snapshot [a-z]* *[a-z]*[^;]*" err.txt | head -1 | cut -c1-90)
    if [ $rc -eq 0 ] && cmp -s out.json ref.json; then ok=$((ok + 1)); r=same; else bad=$((bad + 1)); r="DIFFERENT (exit $rc)"; fi
    echo "$action after ${delay}s: $r | $reason"
  done
done
echo "$ok of $((ok + bad)) answers were the full replay's"
[ $bad -eq 0 ]

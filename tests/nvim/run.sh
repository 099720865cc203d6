#!/usr/bin/env bash
# Neovim (headless, its built-in LSP client) opens a seed article in a copy
# of the seeds workspace, through `factlint lsp`; the diagnostics it
# receives must be the findings `factlint check` reports for that article,
# at the same places, each related to the same passages in the other
# articles. Needs nvim (>= 0.7) on PATH; .ci/run installs it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
factlint="${FACTLINT:-$repo/target/release/factlint}"
file="${1:-004_3f76a94242f592a0.txt}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/seeds" "$repo/rules" "$work/"
(cd "$work" && "$factlint" check seeds --format json > "$work/expected.json" 2>/dev/null) || true

ROOT="$work" FILE="seeds/$file" OUT="$work/received.tsv" FACTLINT="$factlint" \
  timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $here/check.lua" >/dev/null 2>"$work/nvim.err" || {
  echo "nvim failed:"; cat "$work/nvim.err"; exit 1; }

echo "diagnostics Neovim received for seeds/$file:"
cat "$work/received.tsv"
python3 - "$work/expected.json" "$work/received.tsv" "seeds/$file" <<'PY'
import json, sys
report, received, name = sys.argv[1:4]
expected = set()
for f in json.load(open(report))["findings"]:
    own = [c for c in f["claims"] if c["file"] == name]
    if not own:
        continue
    first = own[0]
    others = sorted(f"{c['file'].rsplit('/', 1)[-1]}:{c['line']}:{c['column']}" for c in f["claims"] if c is not first)
    expected.add((f["rule"], f"{first['line']}:{first['column']}", " ".join(others)))
got, shown = set(), None
for line in open(received):
    parts = line.rstrip("\n").split("\t")
    if parts[0] == "shown":
        shown = int(parts[1])
        continue
    got.add((parts[0], parts[1], " ".join(sorted(parts[2].split()))))
if got != expected:
    print("expected (from factlint check):", *sorted(expected), sep="\n  ")
    print("received (in Neovim):", *sorted(got), sep="\n  ")
    sys.exit(1)
if shown != len(got):
    print(f"Neovim shows {shown} diagnostics for the buffer, {len(got)} were published")
    sys.exit(1)
print(f"ok: {len(got)} diagnostics, as factlint check reports them, each with its related passages")
PY

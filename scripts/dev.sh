#!/usr/bin/env bash
# The developer entry point (the README's Quick start):
#   bash scripts/dev.sh pipeline   bring up the local infra and run the example pipeline
#   bash scripts/dev.sh test       install, bring up the infra, type-check, lint + format check, verify dist and docs, run every test on Node 24
#   bash scripts/dev.sh setup      only the toolchain and infra part
#   bash scripts/dev.sh down       tear the local infrastructure down
# Works on a fresh Debian machine with node + npm, as root (apt installs the daemons).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

setup() {
  local want; want=$(node -p "require('./package.json').packageManager.split('@')[1]")
  if [[ $(pnpm -v 2>/dev/null || true) != "$want" ]]; then
    section "installing pnpm $want"
    npm install -g --silent --no-audit --no-fund "pnpm@$want"
  fi
  section "pnpm install"
  pnpm install --frozen-lockfile --reporter=silent
  section "local infrastructure"
  bash scripts/infra.sh up
  section "multi-host lab (scripts/lab.sh: 1 manager + 2 workers in network namespaces)"
  bash scripts/lab.sh up
  NODE24=$(node -p "require('$ROOT/.local/infra/env.json').node24" 2>/dev/null || bash scripts/infra.sh env | node -p "JSON.parse(require('fs').readFileSync(0)).node24")
  export PATH="$(dirname "$NODE24"):$PATH"
  section "node $(node -v) for tests and actions"
}

case ${1:-} in
  setup) setup ;;
  test)
    setup
    section "type-check"; pnpm typecheck
    section "lint (typescript-eslint, zero warnings) and format (prettier)"; pnpm lint; pnpm format:check
    section "dist in sync"; pnpm check-dist
    section "READMEs in sync with action.yml"; pnpm run docs --check
    section "action.yml metadata (schema + marketplace rules)"; pnpm check-actions
    section "tests"; pnpm test
    ;;
  pipeline)
    setup
    shift
    section "local pipeline"
    pnpm pipeline "$@"
    ;;
  down)
    if command -v pnpm >/dev/null && [[ -d node_modules ]]; then pnpm pipeline down || true; fi
    for lab in .local/lab/*/; do [[ -d $lab ]] && bash scripts/lab.sh down --lab "$(basename "$lab")"; done
    bash scripts/infra.sh down
    ;;
  *) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac

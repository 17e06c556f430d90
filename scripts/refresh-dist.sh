#!/usr/bin/env bash
# Rebuilds every action's dist/ after a dependency change. With --commit (CI on
# Dependabot PRs), commits and pushes the result when anything changed.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
[[ $(pnpm -v 2>/dev/null || true) == "$want" ]] || npm install -g --silent "pnpm@$want"
pnpm install --frozen-lockfile
pnpm build
if [[ ${1:-} == --commit ]]; then
  if [[ -n $(git status --porcelain -- actions/*/dist) ]]; then
    git config user.name "github-actions[bot]"
    git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
    git add actions/*/dist
    git commit -m "Rebuild dist/ for dependency update"
    git push
  else
    echo "dist/ already up to date"
  fi
fi

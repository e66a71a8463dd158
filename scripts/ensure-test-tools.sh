#!/usr/bin/env bash
# Installs the system tools the test suite uses, when they are missing: Python `requests` (the
# presigned-upload tests upload as the guide's Python users do) and eSpeak NG (rendered videos
# speak their text voices offline). Runs before `npm test`; needs root and apt to install.
set -euo pipefail

missing=()
if ! python3 -c 'import requests' 2>/dev/null && ! /usr/bin/python3 -c 'import requests' 2>/dev/null; then
  missing+=(python3-requests)
fi
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v curl >/dev/null || missing+=(curl)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "The tests need these system packages: ${missing[*]}. Install them and run npm test again." >&2
  exit 1
fi
echo "== installing ${missing[*]}"
apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null

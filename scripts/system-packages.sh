#!/usr/bin/env bash
# Installs the Debian packages the project needs when they are missing:
#   Java 17 and Maven (the Neo4j server from Maven Central), Node.js and npm (the explorer build),
#   the readers' converters (poppler-utils: PDF word positions and page images; Tesseract with its
#   Vietnamese model: OCR of scanned pages; antiword and catdoc: Word 97-2003 .doc),
#   and with the argument "browser" also Chromium (the explorer's end-to-end tests).
# Runs apt-get only when something is missing; as a non-root user it uses sudo when available.
set -euo pipefail
need=()
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need+=(maven)
command -v npm >/dev/null || need+=(nodejs npm)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v tesseract >/dev/null || need+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata 2>/dev/null)" ] || need+=(tesseract-ocr-vie)
command -v antiword >/dev/null || need+=(antiword)
command -v catdoc >/dev/null || need+=(catdoc)
if [ "${1:-}" = "browser" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
fi
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ -n "$sudo" ] && ! command -v sudo >/dev/null; then
  echo "error: missing system packages: ${need[*]} (install them with apt-get as root)" >&2
  exit 1
fi
echo "installing system packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null

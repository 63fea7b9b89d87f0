#!/usr/bin/env bash
# Replaces the vendored Apache ECharts used by `vq report` with version $1 from the npm registry.
# The report embeds this file so that report.html opens offline (no CDN).
set -euo pipefail
VERSION="${1:?usage: scripts/update-echarts.sh VERSION   (e.g. 6.1.0)}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/cli/src/main/resources/vq/report/vendor/echarts"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "echarts@$VERSION" >/dev/null && tar xzf "echarts-$VERSION.tgz")
cp "$TMP/package/dist/echarts.min.js" "$TMP/package/LICENSE" "$TMP/package/NOTICE" "$DEST/"
cp "$TMP/package/licenses/LICENSE-d3" "$DEST/"
(cd "$DEST" && sha256sum echarts.min.js > echarts.min.js.sha256)
sed -i "1s/.*/echarts $VERSION (npm registry, https:\/\/registry.npmjs.org\/echarts\/-\/echarts-$VERSION.tgz, file dist\/echarts.min.js)/" "$DEST/VERSION"
echo "echarts $VERSION vendored into $DEST"

#!/usr/bin/env bash
# Rebuilds the bundled offline vulnerability dataset
#   src/main/resources/org/watchpost/engine/vulndb/vulndb.sqlite.gz
# from the source files in data/vulndb/ (see data/vulndb/SOURCE.md). The result depends only
# on those files: running it twice gives the same bytes. BundledDatasetTest fails when the
# committed resource no longer matches its sources.
#
# Usage: scripts/build-vulndb.sh                 # defaults (NVD sample feed + KEV catalog)
#        scripts/build-vulndb.sh --nvd F --kev F [--epss F] [--out F]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/vulndb-classpath.txt
exec java -cp "target/classes:$(cat target/vulndb-classpath.txt)" org.watchpost.engine.vulndb.BuildVulnDb "$@"

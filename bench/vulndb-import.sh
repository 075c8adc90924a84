#!/usr/bin/env bash
# Streams a ~100 MB synthetic NVD feed (the sample's records repeated under new ids) through
# VulnDbImporter with a small heap, and prints time, heap and query figures. No network.
# Usage: bench/vulndb-import.sh [MB=100] [XMX=64m]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-100}; XMX=${2:-64m}
OUT=bench/out/vulndb; mkdir -p "$OUT"
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/vulndb-classpath.txt
CP="target/classes:$(cat target/vulndb-classpath.txt)"
javac -d "$OUT/classes" -cp "$CP" bench/vulndb/GenerateFeed.java bench/vulndb/ImportBench.java
[ -f "$OUT/feed-$MB.json" ] || java -cp "$OUT/classes:$CP" GenerateFeed data/vulndb/nvdcve-2.0-sample.json.gz "$OUT/feed-$MB.json" "$MB"
ls -l "$OUT/feed-$MB.json"
java -Xmx"$XMX" -cp "$OUT/classes:$CP" ImportBench "$OUT/feed-$MB.json" "$OUT/bench.sqlite" 2>&1 | grep -v SLF4J
rm -f "$OUT/bench.sqlite"

#!/usr/bin/env bash
# Times the PDF reports and exports on a seeded scan (default 500 hosts, 10,000 findings) with a
# 512 MB heap cap, and prints the peak heap use. Goals: technical report <= 5 s and <= 512 MB.
# Usage: bench/report-bench.sh [HOSTS] [FINDINGS] [TYPE] [ROUNDS]   (WATCHPOST_BENCH_KEEP=DIR keeps the PDFs)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
mvn -q -B -DskipTests compile >&2
cp="$(mvn -q -B dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
exec java -Xmx512m -Djava.awt.headless=true -cp "target/classes:$cp" bench/ReportBench.java "$@"

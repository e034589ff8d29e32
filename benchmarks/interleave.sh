#!/usr/bin/env bash
# Compares builds of the pool on one benchmark, fork by fork in turn, so that the machine's slow spells (a shared
# host's neighbours) fall on all of them alike: ROUNDS times, one JMH fork per class path. Prints, per class path, the
# median and the 75th percentile of its measured iterations (an undisturbed iteration sits at the top; JMH's mean
# over a few forks mixes them with disturbed ones).
#
#   benchmarks/interleave.sh ROUNDS 'JMH ARGS' CLASSPATH...
#   benchmarks/interleave.sh 4 'WarmPoolBenchmark -p kind=CASSPOOL_THREAD_LOCAL -t 1' \
#       /tmp/changed-classes:benchmarks/target/benchmarks.jar benchmarks/target/benchmarks.jar
#
# A class path may put changed pool-core classes before a benchmarks.jar (javac -d into a directory), or be another
# commit's benchmarks.jar.
set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n '2,12p' "$0" >&2
    exit 2
fi
rounds=$1
args=$2
shift 2
for round in $(seq "$rounds"); do
    for classpath in "$@"; do
        # shellcheck disable=SC2086 # the JMH arguments are meant to split
        java -cp "$classpath" org.openjdk.jmh.Main $args -f 1 -wi 4 -i 5 -w 1s -r 1s \
            | awk -v cp="$classpath" '/^Iteration/ {print cp, $3}'
    done
done | sort -k1,1 -k2,2n | awk '
    { n[$1]++; score[$1, n[$1]] = $2 }
    END {
        for (cp in n) {
            printf "%s\n    %d iterations: median %.1f, 75th percentile %.1f ops/us\n", cp, n[cp],
                score[cp, int((n[cp] + 1) / 2)], score[cp, int(n[cp] * 0.75 + 0.5)]
        }
    }'

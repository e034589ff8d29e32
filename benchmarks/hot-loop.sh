#!/usr/bin/env bash
# Shows where a benchmark's compiled loop spends its time, instruction by instruction, without hsdis: samples one JMH
# fork with perf while it measures, asks the JVM where its C2-compiled benchmark stubs lie (jcmd Compiler.codelist),
# copies their machine code out of the live process with gdb, disassembles it with objdump, and prints the hot
# stretch of the busiest one with each instruction's share of its samples. Needs perf, gdb, objdump and python3.
#
#   benchmarks/hot-loop.sh 'JMH ARGS' CLASSPATH [OUTPUT_DIR]
#   benchmarks/hot-loop.sh 'WarmPoolLargeHeap -p kind=CASSPOOL_THREAD_LOCAL -t 1' benchmarks/target/benchmarks.jar
#
# Give JVM options through the benchmark's @Fork (or a benchmark class of its own): JMH's -jvmArgsAppend replaces the
# benchmark's, and with it the fixed heap, which changes the compiled code (see "The heap" in README.md). Samples land
# on the instruction after a slow one, typically after a load that waited or a lock cmpxchg. The iterations printed
# are the fork's own; those while perf and gdb attach run slower and tell nothing.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
args=$1 classpath=$2 out=${3:-$(mktemp -d)}
mkdir -p "$out"
# shellcheck disable=SC2086 # the JMH arguments are meant to split
java -cp "$classpath" org.openjdk.jmh.Main $args -f 1 -wi 3 -i 15 -w 1s -r 1s > "$out/jmh.log" 2>&1 &
jmh=$!
sleep 9  # past the warm-up and the last compiles of the loop
fork=$(pgrep -f 'jmh.runner.ForkedMain' | head -1)
perf record -F 4000 -p "$fork" -o "$out/perf.data" -- sleep 3 > /dev/null 2>&1
jcmd "$fork" Compiler.codelist > "$out/codelist.txt"
# Live (state 0) C2 (tier 4) versions of the benchmark's stub: "[begin, code begin - end]".
grep '_jmhStub' "$out/codelist.txt" | awk '$2 == 4 && $3 == 0' \
    | sed -E 's/.*\[(0x[0-9a-f]+), (0x[0-9a-f]+) - (0x[0-9a-f]+)\].*/\1 \3/' > "$out/ranges.txt"
dumps=()
while read -r begin end; do
    dumps+=(-ex "dump binary memory $out/code-$begin.bin $begin $end")
done < "$out/ranges.txt"
gdb -p "$fork" -batch "${dumps[@]}" > /dev/null 2>&1
wait "$jmh"
grep '^Iteration' "$out/jmh.log" | awk '{printf "%s ", $3} END {print "ops/us"}'
perf script -i "$out/perf.data" -F ip 2> /dev/null > "$out/ips.txt"
python3 - "$out" <<'PY'
import collections, re, subprocess, sys
out = sys.argv[1]
ips = collections.Counter(int(line, 16) for line in open(f"{out}/ips.txt") if line.strip())
total = sum(ips.values())
ranges = [tuple(int(x, 16) for x in line.split()) for line in open(f"{out}/ranges.txt")]
begin, end = max(ranges, key=lambda r: sum(n for ip, n in ips.items() if r[0] <= ip < r[1]))
inside = sum(n for ip, n in ips.items() if begin <= ip < end)
print(f"{inside} of {total} samples in the stub compiled at {begin:#x}")
disassembly = subprocess.run(["objdump", "-D", "-b", "binary", "-m", "i386:x86-64", f"--adjust-vma={begin:#x}",
                              f"{out}/code-{begin:#018x}.bin"], capture_output=True, text=True).stdout
lines = [(int(m.group(1), 16), m.group(2)) for m in
         (re.match(r"\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*(.*)", line) for line in disassembly.splitlines()) if m]
hot = [address for address, _ in lines if ips.get(address)]
for address, instruction in lines:
    if hot and min(hot) <= address <= max(hot):
        print(f"{100.0 * ips.get(address, 0) / max(inside, 1):5.1f}%  {address - begin:5x}: {instruction}")
PY

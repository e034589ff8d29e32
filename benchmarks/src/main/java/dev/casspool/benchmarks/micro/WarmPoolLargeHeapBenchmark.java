package dev.casspool.benchmarks.micro;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link WarmPoolBenchmark} with a 4 GB heap, as a server usually gives the JVM. From about 4 GB up, the JVM shifts
 * compressed references when it loads them, where the 512 MB heap of the other benchmarks uses them as they are, and
 * x86 then needs a scaled index to address through each: a load that a later one waits for takes longer. A warm
 * check-out is mostly such loads, so this is where a pool's chain of them shows: with the 512 MB figures alone, a
 * quarter of casspool's cost at one thread went unseen.
 */
// The heap of each benchmark is fixed so that -prof gc compares like with like; this one's differs on purpose.
@Fork(value = 3, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class WarmPoolLargeHeapBenchmark extends WarmPoolBenchmark {
}

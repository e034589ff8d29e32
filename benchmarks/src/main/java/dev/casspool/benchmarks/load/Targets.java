package dev.casspool.benchmarks.load;

/** What a comparison's measured side must achieve against its baseline, checked on the medians of a thread count. */
enum Targets {

    /** The pool against raw Thrift clients: at least 0.97x the throughput, p99 at most 1.10x, at most +1.5 us CPU. */
    POOL_AGAINST_RAW(">= 0.97x ops, <= 1.1x p99, <= +1.5 us cpu") {
        @Override
        boolean met(double opsRatio, double p99Ratio, double extraCpuMicros, double clusterCpuRatio) {
            return opsRatio >= 0.97 && p99Ratio <= 1.10 && extraCpuMicros <= 1.5;
        }
    },
    /** Token-aware routing against round robin: at least 1.5x the throughput and at most 0.6x the cluster's CPU. */
    TOKEN_AWARE_AGAINST_ROUND_ROBIN(">= 1.5x ops, <= 0.6x cluster cpu") {
        @Override
        boolean met(double opsRatio, double p99Ratio, double extraCpuMicros, double clusterCpuRatio) {
            return opsRatio >= 1.5 && clusterCpuRatio <= 0.6;
        }
    },
    /** A comparison without targets. */
    NONE("") {
        @Override
        boolean met(double opsRatio, double p99Ratio, double extraCpuMicros, double clusterCpuRatio) {
            return true;
        }
    };

    private final String description;

    Targets(String description) {
        this.description = description;
    }

    /** The targets, for the summary's header; empty when there are none. */
    String description() {
        return description;
    }

    /** Whether the medians meet the targets. */
    abstract boolean met(double opsRatio, double p99Ratio, double extraCpuMicros, double clusterCpuRatio);
}

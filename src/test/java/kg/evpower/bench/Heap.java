package kg.evpower.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The benchmarks' heap figure: the peak of the heap pools since the JVM started or since {@link #resetPeaks()}. */
final class Heap {

    private Heap() {
    }

    /** The sum of the heap pools' peaks (each pool's own peak, so an upper bound of the heap's peak). */
    static long peak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }
}

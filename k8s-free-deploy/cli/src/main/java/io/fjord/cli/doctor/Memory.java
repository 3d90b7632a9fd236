package io.fjord.cli.doctor;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory the kernel can give new work without swapping (MemAvailable), next to the total. */
final class Memory {
    static final String CHECK = "memory";
    /** Four JVM services, a build and a couple of app containers need about this much beyond what runs. */
    static final long WARN_BELOW_KIB = 1024L * 1024;

    private Memory() {
    }

    static Verdict check() {
        return HostFiles.read("/proc/meminfo").map(Memory::verdict)
                .orElse(Verdict.warn(CHECK, "unknown", "cannot read /proc/meminfo"));
    }

    /** A field of /proc/meminfo in KiB, e.g. {@code MemAvailable:   24098432 kB}. */
    static OptionalLong field(String meminfo, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ":\\s+(\\d+) kB").matcher(meminfo);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    static Verdict verdict(String meminfo) {
        OptionalLong available = field(meminfo, "MemAvailable");
        OptionalLong total = field(meminfo, "MemTotal");
        if (available.isEmpty() || total.isEmpty()) {
            return Verdict.warn(CHECK, "unknown", "no MemAvailable in /proc/meminfo (a kernel older than 3.14?)");
        }
        String figure = gib(available.getAsLong()) + " available of " + gib(total.getAsLong());
        if (available.getAsLong() < WARN_BELOW_KIB) {
            return Verdict.warn(CHECK, figure, "below 1 GiB: builds and new releases may be killed for lack of memory");
        }
        return Verdict.ok(CHECK, figure, "room for builds and releases");
    }

    static String gib(long kib) {
        return String.format("%.1f GiB", kib / (1024.0 * 1024));
    }
}

package io.fjord.cli.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether the clock is kept in sync: build and release times, token expiry and webhook timestamps all trust it.
 * Asks systemd where it runs, else chrony, else looks for a time daemon.
 */
final class ClockSync {
    static final String CHECK = "clock sync";
    /** Process names (/proc/PID/comm, cut at 15 characters) of the usual time daemons. */
    private static final Set<String> DAEMONS = Set.of("chronyd", "ntpd", "openntpd", "systemd-timesyn", "timesyncd", "ntpsec");

    private ClockSync() {
    }

    static Verdict check(boolean inContainer) {
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            Optional<String> synced = Commands.output("timedatectl", "show", "-p", "NTPSynchronized", "--value");
            if (synced.isPresent()) {
                return timedatectlVerdict(synced.get());
            }
        }
        Optional<String> tracking = Commands.output("chronyc", "tracking");
        if (tracking.isPresent()) {
            return chronyVerdict(tracking.get());
        }
        Optional<String> daemon = runningDaemon(Path.of("/proc"));
        if (daemon.isPresent()) {
            return Verdict.ok(CHECK, daemon.get() + " runs", "a time daemon keeps the clock in sync");
        }
        return noDaemonVerdict(inContainer);
    }

    static Verdict timedatectlVerdict(String value) {
        return value.trim().equals("yes")
                ? Verdict.ok(CHECK, "NTP synchronized", "systemd reports the clock in sync")
                : Verdict.warn(CHECK, "not synchronized", "systemd reports no NTP sync: timedatectl set-ntp true");
    }

    /** chronyc tracking's {@code Leap status     : Normal} means synchronised; "Not synchronised" means not. */
    static Verdict chronyVerdict(String tracking) {
        Matcher m = Pattern.compile("(?m)^Leap status\\s*:\\s*(.+)$").matcher(tracking);
        String status = m.find() ? m.group(1).trim() : "unknown";
        if (status.equals("Normal") || status.startsWith("Insert") || status.startsWith("Delete")) {
            return Verdict.ok(CHECK, "chrony: " + status, "chrony keeps the clock in sync");
        }
        return Verdict.warn(CHECK, "chrony: " + status, "chrony runs but is not synchronised: check its sources (chronyc sources)");
    }

    static Verdict noDaemonVerdict(boolean inContainer) {
        if (inContainer) {
            return Verdict.warn(CHECK, "no time daemon", "a container's clock is its host's kernel clock: check the sync there");
        }
        return Verdict.warn(CHECK, "no time daemon", "nothing keeps the clock in sync: apt-get install chrony");
    }

    private static Optional<String> runningDaemon(Path proc) {
        try (Stream<Path> entries = Files.list(proc)) {
            return entries.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .map(p -> HostFiles.read(p.resolve("comm")).map(String::trim).orElse(""))
                    .filter(DAEMONS::contains)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

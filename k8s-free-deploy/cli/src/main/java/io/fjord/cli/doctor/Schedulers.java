package io.fjord.cli.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The I/O scheduler of each disk, from /sys/block/DISK/queue/scheduler, judged for the kind of disk. */
final class Schedulers {
    static final String CHECK = "I/O scheduler";

    private Schedulers() {
    }

    static List<Verdict> check(Path sysBlock) {
        List<Verdict> verdicts = new ArrayList<>();
        try (Stream<Path> disks = Files.list(sysBlock)) {
            disks.sorted().forEach(disk -> {
                String name = disk.getFileName().toString();
                Optional<String> line = HostFiles.read(disk.resolve("queue/scheduler"));
                if (isPseudo(name) || line.isEmpty()) {
                    return;
                }
                boolean rotational = HostFiles.read(disk.resolve("queue/rotational")).map(String::trim).orElse("0").equals("1");
                verdicts.add(verdict(name, line.get(), rotational));
            });
        } catch (IOException e) {
            verdicts.add(Verdict.warn(CHECK, "unknown", "cannot list " + sysBlock + ": " + e.getMessage()));
        }
        if (verdicts.isEmpty()) {
            verdicts.add(Verdict.ok(CHECK, "none visible", "no block device with a scheduler here (a container sees none)"));
        }
        return verdicts;
    }

    /** Loop, RAM, zram, optical and floppy devices hold no platform data. */
    static boolean isPseudo(String disk) {
        return disk.matches("(loop|ram|zram|sr|fd)\\d+");
    }

    /** The active scheduler: the bracketed word of {@code none [mq-deadline] kyber bfq}; a lone word is active. */
    static String active(String line) {
        String text = line.trim();
        int open = text.indexOf('[');
        int close = text.indexOf(']', open + 1);
        if (open >= 0 && close > open) {
            return text.substring(open + 1, close);
        }
        return text.contains(" ") || text.isEmpty() ? null : text;
    }

    /** virtio (vd*), Xen (xvd*) and NVMe disks are never spinning platters, whatever "rotational" says. */
    static String kind(String disk, boolean rotational) {
        if (disk.startsWith("vd") || disk.startsWith("xvd")) {
            return "virtio disk";
        }
        if (disk.startsWith("nvme")) {
            return "NVMe SSD";
        }
        return rotational ? "spinning disk" : "SSD";
    }

    static Verdict verdict(String disk, String line, boolean rotational) {
        String scheduler = active(line);
        String kind = kind(disk, rotational);
        String check = CHECK + " " + disk;
        if (scheduler == null) {
            return Verdict.warn(check, "unknown", "cannot read the active scheduler from \"" + line.trim() + "\"");
        }
        String figure = scheduler + " (" + kind + ")";
        boolean spinning = kind.equals("spinning disk");
        switch (scheduler) {
            case "none", "mq-deadline", "kyber":
                if (spinning && scheduler.equals("none")) {
                    return Verdict.warn(check, figure, "a spinning disk needs a scheduler to order seeks: "
                            + "echo mq-deadline > /sys/block/" + disk + "/queue/scheduler");
                }
                return Verdict.ok(check, figure, spinning ? "orders seeks on a spinning disk"
                        : "fits an SSD or virtual disk: the device or the hypervisor orders the I/O");
            case "bfq", "cfq":
                if (spinning) {
                    return Verdict.ok(check, figure, "fair queuing suits a spinning disk");
                }
                return Verdict.warn(check, figure, scheduler + " spends CPU on every request, which an SSD or virtual "
                        + "disk does not need: echo mq-deadline > /sys/block/" + disk + "/queue/scheduler");
            default:
                return Verdict.warn(check, figure, "an unusual scheduler; none or mq-deadline are the tested ones");
        }
    }
}

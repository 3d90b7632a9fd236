package io.fjord.cli.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the host runs on. Docker needs its own kernel features (overlayfs, cgroups, namespaces): a full virtual
 * machine (KVM) or bare metal gives them; OpenVZ shares an old patched kernel that does not; other containers
 * (LXC, Docker) can run Docker only when their host allows it.
 */
final class Virtualization {
    static final String CHECK = "virtualization";
    /** systemd-detect-virt's names for container managers, plus what the fallbacks below report. */
    private static final Set<String> CONTAINERS = Set.of("lxc", "lxc-libvirt", "docker", "podman", "systemd-nspawn",
            "rkt", "wsl", "proot", "pouch", "container-other");

    /** The virtual machine ("none" on bare metal) and the container ("none" outside one). */
    record Kind(String vm, String container) {
    }

    private Virtualization() {
    }

    static Verdict check() {
        return verdict(detect());
    }

    /** systemd-detect-virt when installed, else the kernel's traces. */
    static Kind detect() {
        Optional<String> vm = Commands.outputAnyExit("systemd-detect-virt", "--vm").map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> container = Commands.outputAnyExit("systemd-detect-virt", "--container").map(String::trim).filter(s -> !s.isEmpty());
        if (vm.isPresent() && container.isPresent()) {
            return new Kind(vm.get(), container.get());
        }
        return new Kind(
                vmFromFiles(HostFiles.read("/proc/cpuinfo").orElse(""), HostFiles.read("/sys/class/dmi/id/sys_vendor").orElse("")),
                containerFromFiles(Files.exists(Path.of("/proc/vz")), Files.exists(Path.of("/proc/bc")),
                        Files.exists(Path.of("/proc/user_beancounters")), Files.exists(Path.of("/.dockerenv")),
                        Files.exists(Path.of("/run/.containerenv")),
                        HostFiles.read("/proc/1/environ").orElse("").replace('\0', '\n')));
    }

    /** The cpuinfo "hypervisor" flag says a VM; the DMI vendor says which. */
    static String vmFromFiles(String cpuinfo, String sysVendor) {
        boolean hypervisor = cpuinfo.lines().anyMatch(line -> line.startsWith("flags") && line.matches(".*\\bhypervisor\\b.*"));
        if (!hypervisor) {
            return "none";
        }
        String vendor = sysVendor.trim().toLowerCase(Locale.ROOT);
        if (vendor.contains("qemu") || vendor.contains("kvm")) {
            return "kvm";
        }
        if (vendor.contains("vmware")) {
            return "vmware";
        }
        if (vendor.contains("microsoft")) {
            return "microsoft";
        }
        if (vendor.contains("xen")) {
            return "xen";
        }
        if (vendor.contains("amazon")) {
            return "amazon";
        }
        if (vendor.contains("google")) {
            return "google";
        }
        return "vm-other";
    }

    /**
     * OpenVZ shows /proc/vz inside containers and /proc/bc only on its host node; /proc/user_beancounters is
     * its resource accounting. Docker and Podman leave marker files; LXC sets container= for init.
     */
    static String containerFromFiles(boolean procVz, boolean procBc, boolean beancounters, boolean dockerenv,
                                     boolean containerenv, String initEnviron) {
        if (procVz && !procBc || beancounters && !procBc) {
            return "openvz";
        }
        if (dockerenv) {
            return "docker";
        }
        if (containerenv) {
            return "podman";
        }
        if (initEnviron.lines().anyMatch(line -> line.equals("container=lxc"))) {
            return "lxc";
        }
        return "none";
    }

    static Verdict verdict(Kind kind) {
        String figure = kind.container().equals("none") ? kind.vm() : kind.vm() + ", in a " + kind.container() + " container";
        if (kind.container().equals("openvz")) {
            return Verdict.fail(CHECK, figure, "OpenVZ shares its host's old kernel: Docker (overlay2, cgroups, "
                    + "namespaces) cannot run properly; move to a KVM VPS");
        }
        if (CONTAINERS.contains(kind.container())) {
            return Verdict.warn(CHECK, figure, "a container: Docker runs inside only if its host allows it "
                    + "(privileges, nested cgroups); a KVM VPS is the tested target");
        }
        if (!kind.container().equals("none")) {
            return Verdict.warn(CHECK, figure, "an unknown container type; a KVM VPS is the tested target");
        }
        return switch (kind.vm()) {
            case "kvm", "qemu" -> Verdict.ok(CHECK, figure, "KVM: a full virtual machine with its own kernel, as Docker needs");
            case "none" -> Verdict.ok(CHECK, figure, "bare metal: Docker has the whole kernel");
            default -> Verdict.ok(CHECK, figure, "a full virtual machine with its own kernel, as Docker needs");
        };
    }
}

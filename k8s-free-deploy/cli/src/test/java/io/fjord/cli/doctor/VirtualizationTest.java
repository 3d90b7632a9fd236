package io.fjord.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VirtualizationTest {
    private static final String KVM_CPUINFO = "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr hypervisor lahf_lm\n";
    private static final String METAL_CPUINFO = "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr lahf_lm\n";

    @Test
    void findsTheVmFromCpuinfoAndDmi() {
        assertEquals("kvm", Virtualization.vmFromFiles(KVM_CPUINFO, "QEMU\n"));
        assertEquals("vmware", Virtualization.vmFromFiles(KVM_CPUINFO, "VMware, Inc.\n"));
        assertEquals("vm-other", Virtualization.vmFromFiles(KVM_CPUINFO, ""));
        assertEquals("none", Virtualization.vmFromFiles(METAL_CPUINFO, "Dell Inc.\n"));
    }

    @Test
    void findsTheContainerFromItsTraces() {
        assertEquals("openvz", Virtualization.containerFromFiles(true, false, true, false, false, ""));
        assertEquals("none", Virtualization.containerFromFiles(true, true, true, false, false, ""), "the OpenVZ host node");
        assertEquals("docker", Virtualization.containerFromFiles(false, false, false, true, false, ""));
        assertEquals("podman", Virtualization.containerFromFiles(false, false, false, false, true, ""));
        assertEquals("lxc", Virtualization.containerFromFiles(false, false, false, false, false, "PATH=/bin\ncontainer=lxc\n"));
        assertEquals("none", Virtualization.containerFromFiles(false, false, false, false, false, "PATH=/bin\n"));
    }

    @Test
    void openVzCannotRunDocker() {
        Verdict v = Virtualization.verdict(new Virtualization.Kind("none", "openvz"));
        assertEquals(Level.FAIL, v.level());
        assertEquals("none, in a openvz container", v.figure());
    }

    @Test
    void kvmAndBareMetalAreFineContainersAreWarned() {
        assertEquals(Level.OK, Virtualization.verdict(new Virtualization.Kind("kvm", "none")).level());
        assertEquals("kvm", Virtualization.verdict(new Virtualization.Kind("kvm", "none")).figure());
        assertEquals(Level.OK, Virtualization.verdict(new Virtualization.Kind("none", "none")).level());
        assertEquals(Level.OK, Virtualization.verdict(new Virtualization.Kind("microsoft", "none")).level());
        assertEquals(Level.WARN, Virtualization.verdict(new Virtualization.Kind("kvm", "lxc")).level());
        assertEquals(Level.WARN, Virtualization.verdict(new Virtualization.Kind("kvm", "docker")).level());
        assertEquals(Level.WARN, Virtualization.verdict(new Virtualization.Kind("none", "something-new")).level());
    }
}

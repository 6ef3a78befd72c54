/**
 * The daemon's checker (LVS) side: {@link dev.vigil.daemon.lvs.CheckerSubsystem} runs healthchecker's engine on its
 * own Netty event loop and applies every verdict to ipvs-sync's {@code IpvsManager} on one "vigil-ipvs" thread
 * (which also owns the {@code lvs_sync_daemon} controller); {@code CheckerNotifier} turns changes into notify
 * scripts, LVS FIFO lines, mails and {@code check.*} events; {@code AppliedCounter} emits {@code ipvs.applied}.
 * The bean {@link dev.vigil.daemon.CheckerService} opens the kernel's IPVS and owns the subsystem's life cycle.
 *
 * <p>Tests: {@code CheckerSubsystemTest} (loopback listeners, in-memory kernel), {@code CheckerServiceTest} (tag
 * netns: a kernel without IPVS) and {@code vm.LvsVmTest} (tag vm: LVS-NAT and LVS-DR on a real IPVS kernel in QEMU).
 */
package dev.vigil.daemon.lvs;

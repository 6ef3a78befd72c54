/**
 * The daemon's checker (LVS) side: {@link dev.vigil.daemon.lvs.CheckerSubsystem} runs healthchecker's engine on its
 * own Netty event loop and applies every verdict to ipvs-sync's {@code IpvsManager} on one "vigil-ipvs" thread
 * (which also owns the {@code lvs_sync_daemon} controller and {@code ha_suspend}'s address tracking), and publishes a
 * {@link dev.vigil.daemon.lvs.CheckerSnapshot} after each change for {@code vigil status}; {@code CheckerNotifier}
 * turns changes, reload removals and {@code omega} shutdowns into notify scripts, LVS FIFO lines, mails and
 * {@code check.*} events, {@code ServerRetirement} decides which ones when servers leave at reload or stop; {@code HostAddressWatch} ({@code KernelAddressWatch}: rtnetlink) feeds {@code ha_suspend};
 * {@code AppliedCounter} emits {@code ipvs.applied}. The bean {@link dev.vigil.daemon.CheckerService} opens the
 * kernel's IPVS and owns the subsystem's life cycle.
 *
 * <p>Tests: {@code CheckerSubsystemTest} (loopback listeners, in-memory kernel), {@code CheckerLifecycleTest}
 * (omega, reload removals and groups, ha_suspend, snapshot; recording notifiers and GreenMail),
 * {@code HaSuspendNetnsTest} (tag netns: address events of a namespace), {@code CheckerServiceTest} (tag netns: a
 * kernel without IPVS) and {@code vm.LvsVmTest} (tag vm: LVS-NAT and LVS-DR on a real IPVS kernel in QEMU).
 */
package dev.vigil.daemon.lvs;

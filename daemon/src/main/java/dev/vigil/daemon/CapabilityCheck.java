package dev.vigil.daemon;

import dev.vigil.linux.Capabilities;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@link PrivilegeCheck} on the effective capabilities in a {@code /proc/PID/status} text; the source is injectable
 * so tests can feed any CapEff line.
 */
final class CapabilityCheck implements PrivilegeCheck {
    private final Callable<String> procStatus;

    CapabilityCheck(Callable<String> procStatus) {
        this.procStatus = procStatus;
    }

    @Override
    public List<String> problems() {
        Capabilities caps;
        try {
            caps = Capabilities.parse(procStatus.call());
        } catch (Exception e) { // the source is any Callable: IOException, a bad CapEff line, ...
            return List.of("cannot read this process's capabilities: " + e.getMessage());
        }
        return PrivilegeCheck.missingCapabilities(caps);
    }

    @Override
    public Optional<String> missing() {
        List<String> p = problems();
        return p.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", p));
    }
}

package dev.vigil.daemon;

import io.micronaut.context.BeanContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Micronaut DI container. The run's own objects ({@link DaemonOptions}, the settings,
 * {@link CurrentConfig}, {@link SignalRouter}) are registered as singletons; subsystems are compile-time
 * {@code @Singleton} beans (micronaut-inject-java) that inject them, so adding one needs no change here.
 */
final class DaemonContext {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonContext.class);

    private DaemonContext() {
    }

    static BeanContext start(Object... runBeans) {
        BeanContext context = BeanContext.build();
        for (Object bean : runBeans) {
            context.registerSingleton(bean);
        }
        return context.start();
    }

    /**
     * Closes the container (subsystems stop in their {@code @PreDestroy}) but waits at most {@code grace}
     * (settings: {@code vigil.timers.shutdown-grace}); a subsystem that hangs must not keep the process alive.
     *
     * @return false when the stop did not complete in time
     */
    static boolean stop(BeanContext context, Duration grace) {
        Thread closer = new Thread(context::close, "vigil-stop");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.error("Subsystems did not stop within {}; exiting anyway", grace);
            return false;
        }
        return true;
    }
}

package dev.vigil.daemon;

import io.micronaut.context.ApplicationContext;

/**
 * The daemon's Micronaut DI container. The run's own objects ({@link DaemonOptions}, the settings,
 * {@link CurrentConfig}, {@link SignalRouter}) are registered as singletons; subsystems are compile-time
 * {@code @Singleton} beans (micronaut-inject-java) that inject them, so adding one needs no change here.
 */
final class DaemonContext {
    private DaemonContext() {
    }

    static ApplicationContext start(Object... runBeans) {
        return ApplicationContext.builder()
                .deduceEnvironment(false) // no cloud probing: starts fast and never touches the network
                .singletons(runBeans)
                .start();
    }
}

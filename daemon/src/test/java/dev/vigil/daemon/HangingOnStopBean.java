package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A subsystem whose stop hangs (only when the test sets {@value #PROPERTY}); created by the first reload. */
@Singleton
@Requires(condition = HangingOnStopBean.WhenAsked.class) // a condition: the daemon's plain BeanContext has no properties
public final class HangingOnStopBean implements ConfigReloadListener {
    static final String PROPERTY = "vigil.test.hang-on-stop";
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static volatile boolean created;

    public HangingOnStopBean() {
        created = true;
    }

    @Override
    public void configReloaded(LoadResult previous, LoadResult current) {
    }

    /** True while the test has set the system property {@value #PROPERTY}. */
    public static final class WhenAsked implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return Boolean.getBoolean(PROPERTY);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        RELEASE.await(5, TimeUnit.MINUTES);
    }
}

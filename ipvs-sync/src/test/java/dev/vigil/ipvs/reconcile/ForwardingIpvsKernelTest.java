package dev.vigil.ipvs.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.IpvsTimeouts;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@link IpvsKernel} method, its defaults included (and any added later), reaches the wrapped kernel with the
 * same arguments, and its answer comes back unchanged.
 */
class ForwardingIpvsKernelTest {
    private static final List<Object> SENTINEL_LIST = List.of();
    private static final IpvsTimeouts SENTINEL_TIMEOUTS = new IpvsTimeouts(1, 2, 3);

    @Test
    void everyMethodIsPassedThroughWithItsArgumentsAndAnswer() throws Exception {
        List<String> seen = new ArrayList<>();
        IpvsKernel recorder = (IpvsKernel) Proxy.newProxyInstance(IpvsKernel.class.getClassLoader(),
                new Class<?>[] {IpvsKernel.class}, (proxy, method, args) -> {
                    seen.add(method.getName() + List.of(args == null ? new Object[0] : args));
                    return answerFor(method);
                });
        IpvsKernel forwarding = new ForwardingIpvsKernel(recorder) { };
        for (Method m : IpvsKernel.class.getMethods()) {
            seen.clear();
            Object[] args = new Object[m.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = argumentFor(m.getParameterTypes()[i]);
            }
            Object answer = m.invoke(forwarding, args);
            assertEquals(List.of(m.getName() + List.of(args)), seen, m + " reaches the wrapped kernel once, as called");
            assertSame(answerFor(m), answer, m + " answers what the wrapped kernel answered");
        }
    }

    @Test
    void aDecoratorChangesOnlyWhatItOverrides() throws Exception {
        InMemoryIpvsKernel memory = new InMemoryIpvsKernel();
        List<IpvsOperation> applied = new ArrayList<>();
        IpvsKernel counting = new ForwardingIpvsKernel(memory) {
            @Override
            public void apply(IpvsOperation op) throws java.io.IOException {
                applied.add(op);
                super.apply(op);
            }
        };
        counting.apply(IpvsOperation.flush());
        counting.setTimeouts(SENTINEL_TIMEOUTS);
        assertEquals(List.of(IpvsOperation.flush()), applied);
        assertEquals(SENTINEL_TIMEOUTS, memory.timeouts());
        assertEquals(IpvsTable.EMPTY, counting.table());
    }

    private static Object answerFor(Method m) {
        Class<?> type = m.getReturnType();
        if (type == IpvsTable.class) {
            return IpvsTable.EMPTY;
        }
        if (type == List.class) {
            return SENTINEL_LIST;
        }
        if (type == IpvsTimeouts.class) {
            return SENTINEL_TIMEOUTS;
        }
        return null; // void
    }

    private static Object argumentFor(Class<?> type) {
        if (type == java.util.Collection.class) {
            return java.util.Set.of(); // the service keys of table(keys)
        }
        if (type == List.class) {
            return List.of(IpvsOperation.flush());
        }
        if (type == IpvsOperation.class) {
            return IpvsOperation.flush();
        }
        if (type == IpvsTimeouts.class) {
            return SENTINEL_TIMEOUTS;
        }
        throw new AssertionError("no sample argument of " + type + ": extend this test for the new method");
    }
}

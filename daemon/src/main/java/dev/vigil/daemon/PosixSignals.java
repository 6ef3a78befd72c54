package dev.vigil.daemon;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.EnumMap;
import java.util.Map;

/**
 * Installs JVM signal handlers that forward to a {@link SignalRouter}. {@code sun.misc.Signal} (module
 * jdk.unsupported) is the only way a Java program can catch SIGHUP/SIGUSR1/SIGUSR2; it is reached reflectively
 * because javac warns about every compile-time use of it with no way to suppress the warning. Replacing the
 * TERM/INT/HUP handlers also means the JVM's shutdown hooks do not run on those signals: the supervisor stops in
 * order itself.
 */
final class PosixSignals {
    private static final Class<?> SIGNAL;
    private static final Class<?> HANDLER;
    private static final Constructor<?> NEW_SIGNAL;
    private static final Method HANDLE;
    private static final Method RAISE;

    static {
        try {
            SIGNAL = Class.forName("sun.misc.Signal");
            HANDLER = Class.forName("sun.misc.SignalHandler");
            NEW_SIGNAL = SIGNAL.getConstructor(String.class);
            HANDLE = SIGNAL.getMethod("handle", SIGNAL, HANDLER);
            RAISE = SIGNAL.getMethod("raise", SIGNAL);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private PosixSignals() {
    }

    static SignalSource.Installed install(SignalRouter router) {
        Map<VigilSignal, Object> previous = new EnumMap<>(VigilSignal.class);
        for (VigilSignal s : VigilSignal.values()) {
            previous.put(s, handle(s, forwarder(router, s)));
        }
        return () -> previous.forEach(PosixSignals::handle);
    }

    /** Sends {@code signal} to this process (tests). */
    static void raise(VigilSignal signal) {
        call(RAISE, signal(signal));
    }

    private static Object forwarder(SignalRouter router, VigilSignal signal) {
        InvocationHandler h = (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
                router.deliver(signal);
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "SignalRouter forwarder for SIG" + signal;
        };
        return Proxy.newProxyInstance(PosixSignals.class.getClassLoader(), new Class<?>[] {HANDLER}, h);
    }

    /** Installs {@code handler} for {@code signal}; returns the previous handler. */
    private static Object handle(VigilSignal signal, Object handler) {
        return call(HANDLE, signal(signal), handler);
    }

    private static Object signal(VigilSignal signal) {
        try {
            return NEW_SIGNAL.newInstance(signal.name());
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("SIG" + signal + " cannot be handled", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object call(Method method, Object... args) {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(method.getName() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

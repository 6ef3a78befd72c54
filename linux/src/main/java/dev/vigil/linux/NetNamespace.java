package dev.vigil.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A thread living in another network namespace. {@code setns(2)} changes only the calling thread, and a socket
 * keeps the namespace it was created in, so sockets opened through {@link #call} work in that namespace from
 * any thread afterwards. Lets one JVM (tests, or a daemon managing several namespaces) act in many namespaces.
 */
public final class NetNamespace implements AutoCloseable {
    /** Where {@code ip netns add NAME} mounts named namespaces. */
    public static final Path NETNS_RUN_DIR = Path.of("/run/netns");

    private final String name;
    private final ExecutorService thread;

    /** Work to run inside the namespace. */
    @FunctionalInterface
    public interface Task<T> {
        T call() throws IOException;
    }

    private NetNamespace(String name, ExecutorService thread) {
        this.name = name;
        this.thread = thread;
    }

    /** Enters {@code /run/netns/NAME} (created by {@code ip netns add NAME}) on a new dedicated thread. */
    public static NetNamespace open(String name) throws IOException {
        return open(NETNS_RUN_DIR.resolve(name), name);
    }

    /** Enters the namespace whose handle is {@code nsFile} (e.g. {@code /proc/PID/ns/net}). */
    public static NetNamespace open(Path nsFile, String name) throws IOException {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + name);
            t.setDaemon(true);
            return t;
        });
        NetNamespace ns = new NetNamespace(name, thread);
        try {
            ns.call(() -> {
                enter(nsFile);
                return null;
            });
        } catch (IOException e) {
            thread.shutdownNow();
            throw e;
        }
        return ns;
    }

    private static void enter(Path nsFile) throws ErrnoException {
        int fd;
        try {
            fd = LibC.open(nsFile.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode(), "cannot open network namespace " + nsFile);
        }
        try {
            LibC.setns(fd, LibC.CLONE_NEWNET);
        } catch (LastErrorException e) {
            throw new ErrnoException(e.getErrorCode(), "setns(" + nsFile + ", CLONE_NEWNET)");
        } finally {
            LibC.close(fd);
        }
    }

    public String name() {
        return name;
    }

    /** Runs {@code task} on the namespace's thread and returns its result. */
    public <T> T call(Task<T> task) throws IOException {
        Future<T> f = thread.submit(task::call);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new IOException("interrupted waiting for work in netns " + name, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("failed in netns " + name, cause);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    @Override
    public String toString() {
        return "NetNamespace[" + name + "]";
    }
}

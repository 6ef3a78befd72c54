package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsInfo;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsSnapshot;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.model.VirtualService;
import dev.vigil.ipvs.reconcile.IpvsKernel;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import dev.vigil.linux.Errno;
import dev.vigil.linux.netlink.GenericNetlink;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.vigil.ipvs.netlink.IpvsGenl.*;

/**
 * The kernel's IPVS table over generic netlink: reads (info, services with destinations and counters, timeouts,
 * sync daemons) and every change. Applying an {@link IpvsOperation} follows keepalived's tolerance: "already exists"
 * on an add and "no such destination" on a delete are logged and ignored, an edit of a missing destination becomes
 * an add. {@link #applyAll} sends many operations per system call ({@link RequestBatch}). Not thread-safe beyond the
 * socket's own request serialisation.
 */
public final class IpvsClient implements AutoCloseable, IpvsKernel, SyncDaemonKernel {
    private static final Logger LOG = LoggerFactory.getLogger(IpvsClient.class);
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int EEXIST = 17;
    /** Send and receive buffers for batches: room for a datagram's answers even when every request is refused. */
    private static final int BATCH_SOCKET_BUFFER = 4 << 20;
    private static final Duration BATCH_REPLY_TIMEOUT = Duration.ofSeconds(10);
    /** Above this many services a full dump (two requests per service otherwise) is the cheaper read. */
    private static final int ONE_BY_ONE_LIMIT = 32;

    private final NetlinkSocket socket;
    private final IpvsMessages messages;
    private boolean buffersEnlarged;

    private IpvsClient(NetlinkSocket socket, int familyId) {
        this.socket = socket;
        this.messages = new IpvsMessages(familyId);
    }

    /** Opens a generic-netlink socket and resolves "IPVS", loading the ip_vs module once if the family is absent. */
    public static IpvsClient open() throws IOException {
        return open(true);
    }

    public static IpvsClient open(boolean loadModule) throws IOException {
        NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_GENERIC, 0);
        try {
            return new IpvsClient(socket, resolve(socket, loadModule));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static int resolve(NetlinkSocket socket, boolean loadModule) throws IOException {
        try {
            return GenericNetlink.resolveFamily(socket, FAMILY_NAME);
        } catch (NetlinkException e) {
            if (e.errno() != ENOENT) {
                throw e;
            }
            String modprobe = loadModule ? modprobeIpVs() : "not attempted";
            try {
                return GenericNetlink.resolveFamily(socket, FAMILY_NAME);
            } catch (NetlinkException again) {
                if (again.errno() != ENOENT) {
                    throw again;
                }
                throw new IpvsUnavailableException("IPVS: Can't initialize ipvs: the kernel has no \"IPVS\" generic "
                        + "netlink family (ENOENT). Load the ip_vs kernel module (modprobe ip_vs) or use a kernel "
                        + "built with CONFIG_IP_VS; modprobe ip_vs: " + modprobe, again);
            }
        }
    }

    /** Runs the kernel's modprobe helper for ip_vs (as keepalived does); returns what happened, for the error text. */
    private static String modprobeIpVs() {
        String modprobe = "/sbin/modprobe";
        try {
            String configured = Files.readString(Path.of("/proc/sys/kernel/modprobe"), StandardCharsets.UTF_8).trim();
            if (!configured.isEmpty()) {
                modprobe = configured;
            }
        } catch (IOException ignored) {
            // keep the default path
        }
        try {
            Process p = new ProcessBuilder(modprobe, "-s", "ip_vs").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return modprobe + " timed out";
            }
            return p.exitValue() == 0 ? "loaded, but the family is still absent"
                    : "exit " + p.exitValue() + (out.isEmpty() ? "" : " (" + out + ")");
        } catch (IOException e) {
            return "could not run " + modprobe + " (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public int familyId() {
        return messages.familyId();
    }

    // --- reads -----------------------------------------------------------------------------------------------------

    public IpvsInfo info() throws IOException {
        return IpvsReplies.info(call(CMD_GET_INFO, messages.getInfo(), null));
    }

    /** Every service with its destinations and counters. */
    public IpvsSnapshot snapshot() throws IOException {
        List<IpvsSnapshot.Service> out = new ArrayList<>();
        for (IpvsReplies.ServiceReply s : IpvsReplies.services(call(CMD_GET_SERVICE, messages.dumpServices(), null))) {
            out.add(new IpvsSnapshot.Service(s.service(), s.stats(), dests(s.service().key())));
        }
        return new IpvsSnapshot(out);
    }

    /** The table without counters (what the reconciler compares). */
    @Override
    public IpvsTable table() throws IOException {
        return snapshot().table();
    }

    /** Only the given services: read one by one when they are few (cheaper than dumping a large table). */
    @Override
    public IpvsTable table(Collection<ServiceKey> keys) throws IOException {
        if (keys.size() > ONE_BY_ONE_LIMIT) {
            return IpvsKernel.super.table(keys);
        }
        List<VirtualService> out = new ArrayList<>();
        for (ServiceKey key : keys) {
            IpvsReplies.ServiceReply s;
            try {
                s = service(key);
            } catch (IpvsException e) {
                if (e.errno() == ESRCH) {
                    continue;
                }
                throw e;
            }
            out.add(new VirtualService(s.service(), dests(key).stream().map(IpvsSnapshot.Dest::dest).toList()));
        }
        return new IpvsTable(out);
    }

    /** One service by key; {@link IpvsException} with ESRCH when it does not exist. */
    public IpvsReplies.ServiceReply service(ServiceKey key) throws IOException {
        List<IpvsReplies.ServiceReply> found = IpvsReplies.services(call(CMD_GET_SERVICE, messages.getService(key),
                key.toString()));
        if (found.size() != 1) {
            throw new IOException("GET_SERVICE " + key + " returned " + found.size() + " services");
        }
        return found.get(0);
    }

    public List<IpvsSnapshot.Dest> dests(ServiceKey key) throws IOException {
        return IpvsReplies.dests(call(CMD_GET_DEST, messages.dumpDests(key), key.toString()), key.family());
    }

    @Override
    public IpvsTimeouts timeouts() throws IOException {
        return IpvsReplies.timeouts(call(CMD_GET_CONFIG, messages.getConfig(), null));
    }

    public List<SyncDaemonConfig> daemons() throws IOException {
        return IpvsReplies.daemons(call(CMD_GET_DAEMON, messages.dumpDaemons(), null));
    }

    // --- changes ---------------------------------------------------------------------------------------------------

    public void newService(IpvsService s) throws IOException {
        call(CMD_NEW_SERVICE, messages.newService(s), s.key().toString());
    }

    public void setService(IpvsService s) throws IOException {
        call(CMD_SET_SERVICE, messages.setService(s), s.key().toString());
    }

    public void delService(ServiceKey key) throws IOException {
        call(CMD_DEL_SERVICE, messages.delService(key), key.toString());
    }

    public void newDest(ServiceKey service, IpvsDest d) throws IOException {
        call(CMD_NEW_DEST, messages.newDest(service, d), service + " -> " + d.key());
    }

    public void setDest(ServiceKey service, IpvsDest d) throws IOException {
        call(CMD_SET_DEST, messages.setDest(service, d), service + " -> " + d.key());
    }

    public void delDest(ServiceKey service, DestKey d) throws IOException {
        call(CMD_DEL_DEST, messages.delDest(service, d), service + " -> " + d);
    }

    public void flush() throws IOException {
        call(CMD_FLUSH, messages.flush(), null);
    }

    /** Zeroes counters of one service, or of all when {@code key} is null. */
    public void zero(ServiceKey key) throws IOException {
        call(CMD_ZERO, messages.zero(key), key == null ? null : key.toString());
    }

    @Override
    public void setTimeouts(IpvsTimeouts t) throws IOException {
        call(CMD_SET_CONFIG, messages.setConfig(t), null);
    }

    @Override
    public void startDaemon(SyncDaemonConfig config) throws IOException {
        call(CMD_NEW_DAEMON, messages.newDaemon(config), null);
    }

    @Override
    public void stopDaemon(SyncDaemonConfig.State state) throws IOException {
        call(CMD_DEL_DAEMON, messages.delDaemon(state), null);
    }

    /** Applies one reconciler operation with keepalived's tolerance (see the class comment). */
    @Override
    public void apply(IpvsOperation op) throws IOException {
        Request r = request(op);
        try {
            call(r.command(), r.message(), target(op));
        } catch (IpvsException e) {
            tolerate(op, e);
        }
    }

    /**
     * Applies every operation in order with few system calls ({@link RequestBatch}: up to
     * {@value RequestBatch#MAX_MESSAGES} requests per datagram, one answer per datagram unless some are refused), with
     * the same tolerance as {@link #apply}. A refused operation does not stop the ones after it; an edit of a missing
     * destination is retried as an add once the batch is through.
     */
    @Override
    public List<IpvsException> applyAll(List<IpvsOperation> ops) throws IOException {
        if (ops.size() < 2) {
            return IpvsKernel.super.applyAll(ops);
        }
        List<Request> requests = ops.stream().map(this::request).toList();
        RequestBatch batch = send(requests.stream().map(Request::message).toList());
        List<IpvsException> failures = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            NetlinkException refused = batch.error(i);
            if (refused == null) {
                continue;
            }
            try {
                tolerate(ops.get(i), new IpvsException(requests.get(i).command(), refused.errno(), target(ops.get(i)),
                        refused));
            } catch (IpvsException e) {
                failures.add(e);
            }
        }
        return failures;
    }

    /** keepalived's tolerance: returns when the refusal is harmless (logged) or was repaired, else logs and throws. */
    private void tolerate(IpvsOperation op, IpvsException e) throws IOException {
        if (e.errno() == EEXIST && (op.kind() == IpvsOperation.Kind.NEW_SERVICE
                || op.kind() == IpvsOperation.Kind.NEW_DEST)
                || e.errno() == ENOENT && op.kind() == IpvsOperation.Kind.DEL_DEST
                || e.errno() == ESRCH && op.kind() == IpvsOperation.Kind.DEL_SERVICE) {
            LOG.info(e.getMessage());
            return;
        }
        if (e.errno() == ENOENT && op.kind() == IpvsOperation.Kind.SET_DEST) {
            newDest(op.service().key(), op.dest());
            return;
        }
        LOG.info(e.getMessage());
        throw e;
    }

    /** One operation's request. */
    private record Request(int command, ByteBuffer message) {
    }

    private Request request(IpvsOperation op) {
        IpvsService s = op.service();
        return switch (op.kind()) {
            case NEW_SERVICE -> new Request(CMD_NEW_SERVICE, messages.newService(s));
            case SET_SERVICE -> new Request(CMD_SET_SERVICE, messages.setService(s));
            case DEL_SERVICE -> new Request(CMD_DEL_SERVICE, messages.delService(s.key()));
            case NEW_DEST -> new Request(CMD_NEW_DEST, messages.newDest(s.key(), op.dest()));
            case SET_DEST -> new Request(CMD_SET_DEST, messages.setDest(s.key(), op.dest()));
            case DEL_DEST -> new Request(CMD_DEL_DEST, messages.delDest(s.key(), op.dest().key()));
            case FLUSH -> new Request(CMD_FLUSH, messages.flush());
        };
    }

    /** What an operation's error line names; only built for a refusal (thousands of strings otherwise). */
    private static String target(IpvsOperation op) {
        if (op.kind() == IpvsOperation.Kind.FLUSH) {
            return null;
        }
        return op.dest() == null ? op.service().key().toString() : op.service().key() + " -> " + op.dest().key();
    }

    /** Sends a batch and reads every answer; the socket's monitor keeps other requests out meanwhile. */
    private RequestBatch send(List<ByteBuffer> messages) throws IOException {
        synchronized (socket) {
            if (!buffersEnlarged) {
                socket.enlargeBuffers(BATCH_SOCKET_BUFFER);
                buffersEnlarged = true;
            }
            RequestBatch batch = RequestBatch.of(messages, socket.reserveSequence(messages.size()), socket.portId());
            for (RequestBatch.Datagram d : batch.datagrams()) {
                socket.send(d.bytes());
                long deadline = System.nanoTime() + BATCH_REPLY_TIMEOUT.toNanos();
                boolean handled = false;
                while (!handled) {
                    long wait = deadline - System.nanoTime();
                    ByteBuffer answer = wait > 0 ? socket.receive(Duration.ofNanos(wait)) : null;
                    if (answer == null) {
                        throw new NetlinkException(Errno.ETIMEDOUT, "no answer to IPVS requests " + d.first() + ".."
                                + d.last() + " of " + batch.size() + " within " + BATCH_REPLY_TIMEOUT.toSeconds() + " s");
                    }
                    for (NetlinkMessage m : NetlinkMessage.parseAll(answer)) {
                        handled |= batch.answer(m, d);
                    }
                }
            }
            return batch;
        }
    }

    private List<ByteBuffer> call(int cmd, ByteBuffer request, String target) throws IOException {
        try {
            return socket.request(request);
        } catch (NetlinkException e) {
            throw new IpvsException(cmd, e.errno(), target, e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

package dev.vigil.healthchecker.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/** The native epoll transport when available, NIO otherwise. */
public final class Transport {

    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    /** epoll if its native library loads, else NIO. */
    public static Transport best() {
        return new Transport(Epoll.isAvailable());
    }

    public static Transport nio() {
        return new Transport(false);
    }

    public boolean isEpoll() {
        return epoll;
    }

    public EventLoopGroup newGroup(int threads) {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    public Class<? extends Channel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends Channel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** A TCP bootstrap on {@code loop} with the probe's connect timeout. */
    public Bootstrap tcp(EventLoop loop, Duration connectTimeout) {
        return new Bootstrap().group(loop).channel(socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectTimeout.toMillis()))
                .option(ChannelOption.AUTO_CLOSE, true);
    }

    public Bootstrap udp(EventLoop loop) {
        return new Bootstrap().group(loop).channel(datagramChannel());
    }

    /** A short description of a connect/read failure. */
    public static String describe(Throwable cause) {
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return "connection timeout";
        }
        if (cause instanceof PortUnreachableException) {
            return "port unreachable";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof ClosedChannelException) {
            return "connection closed";
        }
        String msg = cause.getMessage();
        return msg != null ? msg : cause.getClass().getSimpleName();
    }
}

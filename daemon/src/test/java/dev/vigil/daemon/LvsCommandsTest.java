package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vigil genhash} and {@code vigil ipvs} on the command line. */
class LvsCommandsTest {
    private record Run(int code, String out, String err) {
    }

    private static Run genhash(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new GenhashCommand(new PrintStream(out, true), new PrintStream(err, true)))
                .execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void genhashPrintsTheBodysMd5() throws Exception {
        byte[] body = "hello from rs1\n".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            Run r = genhash("-s", "127.0.0.1", "-p", Integer.toString(server.getAddress().getPort()), "-u", "/");
            assertEquals(0, r.code(), r.err());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\n", r.out());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void genhashBadOptionsGetKeepalivedsMessageAndUsage() {
        Run r = genhash("-s", "not-an-ip", "-p", "80", "-u", "/");
        assertEquals(ExitCodes.FATAL, r.code());
        assertTrue(r.err().startsWith("server should be an IP, not not-an-ip\nUsage: vigil genhash"), r.err());
        Run none = genhash();
        assertEquals(ExitCodes.FATAL, none.code());
        assertTrue(none.err().contains("--use-virtualhost"), none.err());
    }

    @Test
    void ipvsAndGenhashAreSubcommandsOfVigil() {
        CommandLine root = Main.commandLine(ConfigReader.KEEPALIVED_CONF);
        assertTrue(root.getSubcommands().containsKey("genhash"));
        assertTrue(root.getSubcommands().get("ipvs").getSubcommands().containsKey("list"));
    }
}

package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.linux.netlink.NetlinkMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Packing requests into datagrams (bytes written out by hand: headers rewritten, payloads untouched) and attributing
 * the kernel's answers by sequence number.
 */
class RequestBatchTest {
    private static final IpvsMessages M = new IpvsMessages(0x22);
    private static final ServiceKey WEB = ServiceKey.of(IpvsProtocol.TCP, Addresses.parse("10.0.0.1"), 80);
    private static final int PORT_ID = 0x1234;

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "expected bytes are written for x86/arm64");
    }

    @Test
    void everyRequestButTheLastLosesItsAckAndAllGetSeqAndPortId() {
        ByteBuffer flush = M.flush();                                   // 20 bytes, REQUEST|ACK
        ByteBuffer del = M.delDest(WEB, new DestKey(Addresses.parse("10.0.1.2"), 80));
        RequestBatch batch = RequestBatch.of(List.of(flush, del, M.flush()), 100, PORT_ID);

        assertEquals(1, batch.datagrams().size());
        RequestBatch.Datagram d = batch.datagrams().get(0);
        assertEquals(0, d.first());
        assertEquals(2, d.last());
        int delLength = del.remaining();
        ByteBuffer expected = ByteBuffer.allocate(20 + delLength + 20)
                .put(Hex.bytes("""
                        14 00 00 00  22 00 01 00  64 00 00 00  34 12 00 00   # FLUSH: REQUEST only, seq 100, pid 0x1234
                        11 01 00 00                                          # FLUSH, version 1
                        """))
                .put(withHeader(del, 0x0001, 101))                           // DEL_DEST: REQUEST only, seq 101
                .put(Hex.bytes("""
                        14 00 00 00  22 00 05 00  66 00 00 00  34 12 00 00   # last: REQUEST|ACK, seq 102
                        11 01 00 00
                        """))
                .flip();
        assertEquals(Hex.of(expected), Hex.of(d.bytes()));
        assertEquals(20 + delLength + 20, d.bytes().remaining());
        assertEquals(Hex.of(M.flush()), Hex.of(flush), "the caller's request is not modified");
    }

    @Test
    void datagramsHoldAtMostMaxMessagesEachEndingWithAnAck() {
        List<ByteBuffer> requests = new ArrayList<>();
        for (int i = 0; i < RequestBatch.MAX_MESSAGES * 2 + 3; i++) {
            requests.add(M.delService(WEB));
        }
        RequestBatch batch = RequestBatch.of(requests, 7, PORT_ID);
        List<RequestBatch.Datagram> ds = batch.datagrams();
        assertEquals(3, ds.size());
        assertEquals(List.of(0, RequestBatch.MAX_MESSAGES, 2 * RequestBatch.MAX_MESSAGES),
                ds.stream().map(RequestBatch.Datagram::first).toList());
        assertEquals(List.of(RequestBatch.MAX_MESSAGES, RequestBatch.MAX_MESSAGES, 3),
                ds.stream().map(RequestBatch.Datagram::count).toList());
        for (RequestBatch.Datagram d : ds) {
            List<NetlinkMessage> parsed = NetlinkMessage.parseAll(d.bytes());
            assertEquals(d.count(), parsed.size());
            for (int i = 0; i < parsed.size(); i++) {
                NetlinkMessage m = parsed.get(i);
                assertEquals(7 + d.first() + i, m.seq());
                assertEquals(i == parsed.size() - 1, (m.flags() & 0x4) != 0, "ACK only on the last, index " + i);
            }
        }
    }

    @Test
    void datagramsStayBelowMaxBytes() {
        List<ByteBuffer> requests = new ArrayList<>();
        IpvsDest dest = IpvsDest.of(Addresses.parse("10.0.1.2"), 80, ForwardMethod.DR, 1);
        for (int i = 0; i < 1000; i++) {
            requests.add(M.newDest(WEB, dest));
        }
        int each = requests.get(0).remaining();
        RequestBatch batch = RequestBatch.of(requests, 1, PORT_ID);
        int perDatagram = Math.min(RequestBatch.MAX_MESSAGES, RequestBatch.MAX_BYTES / each);
        assertEquals(perDatagram, batch.datagrams().get(0).count());
        assertTrue(batch.datagrams().stream().allMatch(d -> d.bytes().remaining() <= RequestBatch.MAX_BYTES));
        assertEquals(1000, batch.datagrams().stream().mapToInt(RequestBatch.Datagram::count).sum());
    }

    @Test
    void errorsGoToTheirRequestAndTheLastAnswerEndsTheDatagram() {
        List<ByteBuffer> requests = List.of(M.flush(), M.flush(), M.flush(), M.flush());
        RequestBatch batch = RequestBatch.of(requests, 500, PORT_ID);
        RequestBatch.Datagram d = batch.datagrams().get(0);

        assertFalse(batch.answer(error(501, PORT_ID, -17, null), d));
        assertFalse(batch.answer(error(502, PORT_ID, -2, "no such destination"), d));
        assertFalse(batch.answer(error(502, 0x9999, -1, null), d), "another socket's answer");
        assertFalse(batch.answer(error(499, PORT_ID, -1, null), d), "an earlier request's answer");
        assertTrue(batch.answer(error(503, PORT_ID, 0, null), d), "ACK of the last request");

        assertNull(batch.error(0));
        assertEquals(17, batch.error(1).errno());
        assertEquals(2, batch.error(2).errno());
        assertEquals("no such destination", batch.error(2).kernelMessage());
        assertNull(batch.error(3));
    }

    @Test
    void aRefusedLastRequestAlsoEndsTheDatagram() {
        RequestBatch batch = RequestBatch.of(List.of(M.flush(), M.flush()), 10, PORT_ID);
        RequestBatch.Datagram d = batch.datagrams().get(0);
        assertTrue(batch.answer(error(11, PORT_ID, -22, null), d));
        assertEquals(22, batch.error(1).errno());
        assertNull(batch.error(0));
    }

    @Test
    void sequenceNumbersWrapAround() {
        RequestBatch batch = RequestBatch.of(List.of(M.flush(), M.flush()), Integer.MAX_VALUE, PORT_ID);
        RequestBatch.Datagram d = batch.datagrams().get(0);
        assertEquals(Integer.MIN_VALUE, NetlinkMessage.parseAll(d.bytes()).get(1).seq());
        assertFalse(batch.answer(error(Integer.MAX_VALUE, PORT_ID, -3, null), d));
        assertTrue(batch.answer(error(Integer.MIN_VALUE, PORT_ID, 0, null), d));
        assertEquals(3, batch.error(0).errno());
    }

    @Test
    void dataAndEventsAreIgnored() {
        RequestBatch batch = RequestBatch.of(List.of(M.flush(), M.flush()), 40, PORT_ID);
        ByteBuffer event = ByteBuffer.wrap(Hex.bytes("14 00 00 00  22 00 00 00  29 00 00 00  34 12 00 00  01 01 00 00"))
                .order(ByteOrder.nativeOrder());
        assertFalse(batch.answer(NetlinkMessage.parse(event), batch.datagrams().get(0)));
        assertNull(batch.error(1));
    }

    /** An NLMSG_ERROR answer (capped: only the request's header is echoed), optionally with an extended-ACK text. */
    private static NetlinkMessage error(int seq, int pid, int errno, String text) {
        byte[] msg = text == null ? new byte[0] : (text + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int tlv = text == null ? 0 : 4 + (msg.length + 3) / 4 * 4;
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + 16 + tlv).order(ByteOrder.nativeOrder());
        b.putInt(b.capacity()).putShort((short) 2).putShort((short) (text == null ? 0x100 : 0x300)).putInt(seq)
                .putInt(pid).putInt(errno);
        b.putInt(20).putShort((short) 0x22).putShort((short) 1).putInt(seq).putInt(pid);
        if (text != null) {
            b.putShort((short) (4 + msg.length)).putShort((short) 1).put(msg);
        }
        return NetlinkMessage.parse(b.position(0));
    }

    private static ByteBuffer withHeader(ByteBuffer request, int flags, int seq) {
        ByteBuffer copy = ByteBuffer.allocate(request.remaining()).order(ByteOrder.nativeOrder());
        copy.put(request.duplicate()).flip();
        copy.putShort(6, (short) flags).putInt(8, seq).putInt(12, PORT_ID);
        return copy;
    }
}

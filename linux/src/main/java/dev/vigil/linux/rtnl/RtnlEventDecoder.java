package dev.vigil.linux.rtnl;

import dev.vigil.linux.netlink.NetlinkMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Turns a multicast datagram into link and address events; other message types are skipped. */
public final class RtnlEventDecoder {
    private RtnlEventDecoder() {
    }

    public static List<RtnlEvent> decode(ByteBuffer datagram) {
        List<RtnlEvent> out = new ArrayList<>();
        for (NetlinkMessage m : NetlinkMessage.parseAll(datagram)) {
            switch (m.type()) {
                case Rtnl.RTM_NEWLINK -> out.add(LinkEvent.of(LinkCodec.decode(m), false));
                case Rtnl.RTM_DELLINK -> out.add(LinkEvent.of(LinkCodec.decode(m), true));
                case Rtnl.RTM_NEWADDR -> out.add(new AddressEvent(AddressCodec.decode(m), false));
                case Rtnl.RTM_DELADDR -> out.add(new AddressEvent(AddressCodec.decode(m), true));
                default -> {
                    // routes, neighbours ...: not subscribed to, ignore if they arrive
                }
            }
        }
        return out;
    }
}

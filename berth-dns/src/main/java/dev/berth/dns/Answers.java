package dev.berth.dns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Pure DNS message logic of the embedded server: parsing client queries, building the answers for container names,
 * error replies, and the size limits. No I/O.
 */
final class Answers {

    private static final Logger LOG = Logger.getLogger(Answers.class.getName());

    /** TTL of the records for container names, as Docker's resolver. */
    static final long TTL = 600;
    /** Plain-DNS UDP limit (RFC 1035) when the client sent no EDNS OPT record. */
    static final int MIN_UDP_SIZE = 512;
    static final int MAX_SIZE = 65535;
    /** EDNS payload size advertised in our own answers (the DNS flag day 2020 value). */
    static final int EDNS_PAYLOAD = 1232;

    private Answers() {}

    /**
     * Parses a client's message; null when it must be dropped silently: shorter than a header, not parseable, or a
     * response rather than a query (never answer those: it would let two servers ping-pong).
     */
    static Message parseQuery(ByteBuffer wire) {
        if (wire.remaining() < Header.LENGTH) {
            return null;
        }
        try {
            Message query = new Message(wire);
            return query.getHeader().getFlag(Flags.QR) ? null : query;
        } catch (IOException | RuntimeException malformed) {
            return null;
        }
    }

    /**
     * What the embedded server answers by itself: the answer for a container name, NOERROR without records for a
     * known name queried for the other address family (or MX), NOTIMP/FORMERR for requests that are not a single
     * question; null when the query must be forwarded upstream.
     */
    static Message local(Message query, NameLookup names) {
        Header header = query.getHeader();
        if (header.getOpcode() != Opcode.QUERY) {
            return error(query, Rcode.NOTIMP);
        }
        if (header.getCount(Section.QUESTION) != 1) {
            return error(query, Rcode.FORMERR);
        }
        Record question = query.getQuestion();
        if (question.getDClass() != DClass.IN) {
            return null;
        }
        return switch (question.getType()) {
            case Type.A -> addresses(query, names, Inet4Address.class);
            case Type.AAAA -> addresses(query, names, Inet6Address.class);
            case Type.MX -> names.lookup(key(question.getName())).isEmpty() ? null : reply(query);
            case Type.PTR -> pointer(query, names);
            default -> null;
        };
    }

    /** {@link #local}, but SERVFAIL when the name lookup throws (Docker answers SERVFAIL when its handler fails). */
    static Message localOrServfail(Message query, NameLookup names) {
        try {
            return local(query, names);
        } catch (RuntimeException lookupFailed) {
            LOG.log(Level.WARNING, "embedded DNS: looking up " + query.getQuestion() + " failed", lookupFailed);
            return error(query, Rcode.SERVFAIL);
        }
    }

    /** The lookup key for a query name: lowercased, without the trailing dot. */
    static String key(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    /** An empty reply with the given rcode (SERVFAIL, FORMERR, NOTIMP ...). */
    static Message error(Message query, int rcode) {
        Message reply = reply(query);
        reply.getHeader().setRcode(rcode);
        return reply;
    }

    /** The largest answer the client accepts over UDP: its EDNS payload size, at least 512. */
    static int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        if (opt == null) {
            return MIN_UDP_SIZE;
        }
        return Math.min(MAX_SIZE, Math.max(MIN_UDP_SIZE, opt.getPayloadSize()));
    }

    /** The wire form, truncated (with TC set) to the limit when it does not fit. */
    static byte[] wire(Message message, int limit) {
        return message.toWire(limit);
    }

    private static Message addresses(Message query, NameLookup names, Class<? extends InetAddress> family) {
        Name owner = query.getQuestion().getName();
        List<InetAddress> all = names.lookup(key(owner));
        if (all == null || all.isEmpty()) {
            return null;
        }
        List<InetAddress> wanted = new ArrayList<>(all.size());
        for (InetAddress address : all) {
            if (family.isInstance(address)) {
                wanted.add(address);
            }
        }
        // Like Docker: a fresh order for every answer spreads clients over the containers sharing an alias.
        if (wanted.size() > 1) {
            Collections.shuffle(wanted, ThreadLocalRandom.current());
        }
        Message reply = reply(query);
        for (InetAddress address : wanted) {
            Record record = address instanceof Inet4Address
                    ? new ARecord(owner, DClass.IN, TTL, address)
                    : new AAAARecord(owner, DClass.IN, TTL, address);
            reply.addRecord(record, Section.ANSWER);
        }
        return reply;
    }

    private static Message pointer(Message query, NameLookup names) {
        Name owner = query.getQuestion().getName();
        InetAddress address;
        try {
            address = ReverseMap.fromName(owner);
        } catch (IOException | RuntimeException notReverse) {
            return null;
        }
        String host = names.reverse(address);
        if (host == null || host.isEmpty()) {
            return null;
        }
        Name target;
        try {
            target = Name.fromString(host.endsWith(".") ? host : host + ".");
        } catch (TextParseException badName) {
            return null;
        }
        Message reply = reply(query);
        reply.addRecord(new PTRRecord(owner, DClass.IN, TTL, target), Section.ANSWER);
        return reply;
    }

    private static Message reply(Message query) {
        Header asked = query.getHeader();
        Message reply = new Message(asked.getID());
        Header header = reply.getHeader();
        header.setOpcode(asked.getOpcode());
        header.setFlag(Flags.QR);
        header.setFlag(Flags.RA);
        if (asked.getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (asked.getFlag(Flags.CD)) {
            header.setFlag(Flags.CD);
        }
        Record question = query.getQuestion();
        if (question != null) {
            reply.addRecord(question, Section.QUESTION);
        }
        if (query.getOPT() != null) {
            reply.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return reply;
    }
}

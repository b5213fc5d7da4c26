package dev.berth.dns;

import static dev.berth.dns.DnsClient.query;
import static dev.berth.dns.MapLookup.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AnswersTest {

    private final MapLookup names = new MapLookup()
            .add("db", "172.18.0.3")
            .add("web", "172.18.0.4", "fd00::4")
            .add("many", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5");

    @Test
    void answersAForAContainerNameWithTtl600AndTheQuestionName() {
        Message q = query("DB.", Type.A);
        q.getHeader().setID(4242);
        Message r = Answers.local(q, names);
        assertNotNull(r);
        assertEquals(List.of("db"), names.asked, "looked up lowercased without the dot");
        assertEquals(4242, r.getHeader().getID());
        assertTrue(r.getHeader().getFlag(Flags.QR));
        assertTrue(r.getHeader().getFlag(Flags.RA));
        assertTrue(r.getHeader().getFlag(Flags.RD), "RD copied from the query");
        assertEquals(Rcode.NOERROR, r.getRcode());
        List<Record> answers = r.getSection(Section.ANSWER);
        assertEquals(1, answers.size());
        ARecord a = (ARecord) answers.get(0);
        assertEquals("DB.", a.getName().toString());
        assertEquals(600, a.getTTL());
        assertEquals(ip("172.18.0.3"), a.getAddress());
    }

    @Test
    void aAnswerCarriesOnlyIpv4AndAaaaOnlyIpv6() {
        Message a = Answers.local(query("web.", Type.A), names);
        assertEquals(List.of(ip("172.18.0.4")), addresses(a));
        Message aaaa = Answers.local(query("web.", Type.AAAA), names);
        assertEquals(List.of(ip("fd00::4")), addresses(aaaa));
        assertTrue(aaaa.getSection(Section.ANSWER).get(0) instanceof AAAARecord);
    }

    @Test
    void aaaaForAKnownNameWithoutIpv6IsNoErrorWithoutAnswers() {
        Message r = Answers.local(query("db.", Type.AAAA), names);
        assertNotNull(r, "must not be forwarded");
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.getSection(Section.ANSWER).isEmpty());
        assertEquals(1, r.getSection(Section.QUESTION).size());
    }

    @Test
    void unknownNamesAndOtherTypesAreForwarded() {
        assertNull(Answers.local(query("example.com.", Type.A), names));
        assertNull(Answers.local(query("example.com.", Type.AAAA), names));
        assertNull(Answers.local(query("db.", Type.TXT), names));
        assertNull(Answers.local(query("db.", Type.SRV), names));
        assertNull(Answers.local(query("db.example.com.", Type.A), names), "search-domain suffix is not special");
    }

    @Test
    void mxForAKnownNameIsAnEmptyNoError() {
        Message r = Answers.local(query("db.", Type.MX), names);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.getSection(Section.ANSWER).isEmpty());
        assertNull(Answers.local(query("nope.", Type.MX), names));
    }

    @Test
    void ptrForContainerAddressesV4AndV6() throws Exception {
        Message r = Answers.local(query("3.0.18.172.in-addr.arpa.", Type.PTR), names);
        PTRRecord ptr = (PTRRecord) r.getSection(Section.ANSWER).get(0);
        assertEquals("db.", ptr.getTarget().toString());
        assertEquals(600, ptr.getTTL());
        Message r6 = Answers.local(query(ReverseMap.fromAddress(ip("fd00::4")).toString(), Type.PTR), names);
        assertEquals("web.", ((PTRRecord) r6.getSection(Section.ANSWER).get(0)).getTarget().toString());
        assertNull(Answers.local(query("9.9.9.9.in-addr.arpa.", Type.PTR), names), "unknown address forwarded");
        assertNull(Answers.local(query("18.172.in-addr.arpa.", Type.PTR), names), "partial reverse name forwarded");
    }

    @Test
    void addressesAreShuffledPerAnswer() {
        Set<List<InetAddress>> orders = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            List<InetAddress> got = addresses(Answers.local(query("many.", Type.A), names));
            assertEquals(5, got.size());
            assertEquals(Set.copyOf(names.forward.get("many")), Set.copyOf(got));
            orders.add(got);
        }
        assertTrue(orders.size() > 10, "expected many different orders, got " + orders.size());
    }

    @Test
    void notAQueryOrNotOneQuestionIsRefusedWithTheRightCode() {
        Message update = query("db.", Type.A);
        update.getHeader().setOpcode(Opcode.UPDATE);
        assertEquals(Rcode.NOTIMP, Answers.local(update, names).getRcode());
        Message empty = new Message(7);
        assertEquals(Rcode.FORMERR, Answers.local(empty, names).getRcode());
    }

    @Test
    void parseQueryDropsGarbageShortMessagesAndResponses() {
        assertNull(Answers.parseQuery(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        byte[] garbage = new byte[40];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (0x31 + i);
        }
        garbage[2] = 0; // a query header claiming records that are not there
        assertNull(Answers.parseQuery(ByteBuffer.wrap(garbage)));
        Message response = query("db.", Type.A);
        response.getHeader().setFlag(Flags.QR);
        assertNull(Answers.parseQuery(ByteBuffer.wrap(response.toWire())));
        Message ok = Answers.parseQuery(ByteBuffer.wrap(query("db.", Type.A).toWire()));
        assertEquals("db.", ok.getQuestion().getName().toString());
    }

    @Test
    void udpLimitFollowsEdnsAndAnswersAreTruncatedWithTc() {
        Message plain = query("big.", Type.A);
        assertEquals(512, Answers.udpLimit(plain));
        assertEquals(4096, Answers.udpLimit(DnsClient.withEdns(query("big.", Type.A), 4096)));
        assertEquals(512, Answers.udpLimit(DnsClient.withEdns(query("big.", Type.A), 100)));

        String[] addresses = new String[60];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = "10.1.0." + (i + 1);
        }
        names.add("big", addresses);
        Message r = Answers.local(plain, names);
        byte[] small = Answers.wire(r, 512);
        assertTrue(small.length <= 512);
        assertTrue(Wire.truncated(small));
        byte[] full = Answers.wire(r, Answers.MAX_SIZE);
        assertFalse(Wire.truncated(full));
        assertTrue(full.length > 512);
    }

    @Test
    void wireHelpersPatchTheIdInPlace() {
        byte[] wire = query("db.", Type.A).toWire();
        byte[] copy = Wire.withId(wire, 0xBEEF);
        assertEquals(0xBEEF, Wire.id(copy));
        assertFalse(Wire.answers(copy, copy.length, 0xBEEF), "a query is not an answer");
        byte[] framed = Wire.framed(copy);
        assertEquals(copy.length, (framed[0] & 0xff) << 8 | framed[1] & 0xff);
        assertArrayEquals(copy, java.util.Arrays.copyOfRange(framed, 2, framed.length));
    }

    static List<InetAddress> addresses(Message r) {
        return r.getSection(Section.ANSWER).stream()
                .map(rec -> rec instanceof ARecord a ? a.getAddress() : ((AAAARecord) rec).getAddress())
                .toList();
    }
}

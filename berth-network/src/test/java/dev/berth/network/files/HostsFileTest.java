package dev.berth.network.files;

import dev.berth.common.BerthException.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.berth.network.files.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HostsFileTest {
    private static final String HEADER = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    @Test
    void dockersOrderHeaderExtraHostsLinksThenSelf() {
        List<HostsEntry> entries = HostsFile.entries(
                List.of(ExtraHost.parse("db:10.0.0.5", null), ExtraHost.parse("gw:host-gateway", "172.17.0.1")),
                List.of(HostsFile.link("172.17.0.3", "web", "a1b2c3d4e5f6", "webserver")),
                List.of("172.17.0.2"), "f00dcafe1234", "");
        assertEquals(HEADER + """
                10.0.0.5\tdb
                172.17.0.1\tgw
                172.17.0.3\tweb a1b2c3d4e5f6 webserver
                172.17.0.2\tf00dcafe1234
                """, HostsFile.render(entries));
    }

    @Test
    void fqdnComesFirstWhenDomainnameIsSet() {
        assertEquals(new HostsEntry("10.1.0.2", "app.example.com app"), HostsFile.self("10.1.0.2", "app", "example.com"));
        assertEquals(HEADER + "10.1.0.2\tapp.example.com app\n",
                HostsFile.render(List.of(HostsFile.self("10.1.0.2", "app", "example.com"))));
    }

    @Test
    void linkNameLeftOutWhenItEqualsTheAlias() {
        assertEquals(new HostsEntry("172.17.0.3", "db 0123456789ab"), HostsFile.link("172.17.0.3", "db", "0123456789ab", "db"));
    }

    @Test
    void connectAndDisconnectReRenderFromTheList() {
        HostsEntry first = HostsFile.self("10.1.0.2", "app", "");
        HostsEntry second = HostsFile.self("10.2.0.2", "app", "");
        List<HostsEntry> both = HostsFile.entries(List.of(ExtraHost.parse("x:10.1.0.2", null)), List.of(),
                List.of("10.1.0.2", "10.2.0.2"), "app", "");
        assertEquals(List.of(new HostsEntry("10.1.0.2", "x"), first, second), both);
        assertEquals(List.of(new HostsEntry("10.1.0.2", "x"), second), HostsFile.without(both, first));
        assertEquals(HEADER, HostsFile.render(List.of()));
    }

    @Test
    void extraHostForms() {
        assertEquals(new ExtraHost("h", "fd00::1"), ExtraHost.parse("h:fd00::1", null));
        assertEquals(new ExtraHost("h", "fd00::1"), ExtraHost.parse("h:[fd00::1]", null));
        assertEquals(new ExtraHost("h", "1.2.3.4"), ExtraHost.parse("h=1.2.3.4", null));
        assertEquals(new ExtraHost("h", "172.17.0.1"), ExtraHost.parse("h:host-gateway", "172.17.0.1"));
    }

    @Test
    void extraHostErrorsAreDockers() {
        expect(Kind.INVALID_ARGUMENT, "invalid argument \"nohost\" for \"--add-host\" flag: bad format for add-host: \"nohost\"",
                () -> ExtraHost.parse("nohost", null));
        expect(Kind.INVALID_ARGUMENT, "invalid argument \":1.2.3.4\" for \"--add-host\" flag: bad format for add-host: \":1.2.3.4\"",
                () -> ExtraHost.parse(":1.2.3.4", null));
        expect(Kind.INVALID_ARGUMENT, "invalid argument \"h:300.1.1.1\" for \"--add-host\" flag: invalid IP address in add-host: \"300.1.1.1\"",
                () -> ExtraHost.parse("h:300.1.1.1", null));
        expect(Kind.INVALID_ARGUMENT, "invalid argument \"h:example.com\" for \"--add-host\" flag: invalid IP address in add-host: \"example.com\"",
                () -> ExtraHost.parse("h:example.com", null));
        expect(Kind.INVALID_ARGUMENT, "unable to derive the IP value for host-gateway",
                () -> ExtraHost.parse("h:host-gateway", null));
    }
}

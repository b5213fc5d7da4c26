package dev.berth.cli.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.testing.Cli;
import dev.berth.cli.testing.FakeDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth network ... against a scripted daemon. The expected request bodies and outputs were taken
 * from the docker 28.2.2 CLI run against the same scripted answers (API 1.43).
 */
class NetworkCommandsTest {
    private static final String A = "a".repeat(64), B = "b".repeat(64), C = "c".repeat(64);
    private static final String LIST = "[{\"Name\":\"net10\",\"Id\":\"" + B + "\",\"Created\":\"2024-05-01T10:00:00Z\",\"Scope\":\"local\",\"Driver\":\"bridge\","
            + "\"EnableIPv4\":true,\"EnableIPv6\":true,\"Internal\":true,\"Labels\":{\"b\":\"2\",\"a\":\"1\"}},"
            + "{\"Name\":\"bridge\",\"Id\":\"" + A + "\",\"Created\":\"2024-05-01T10:11:12.1234Z\",\"Scope\":\"local\",\"Driver\":\"bridge\","
            + "\"EnableIPv4\":true,\"EnableIPv6\":false,\"Internal\":false,\"Labels\":{}},"
            + "{\"Name\":\"net9\",\"Id\":\"" + C + "\",\"Created\":\"0001-01-01T00:00:00Z\",\"Scope\":\"local\",\"Driver\":\"null\","
            + "\"EnableIPv4\":true,\"EnableIPv6\":false,\"Internal\":false,\"Labels\":null}]";
    private static final String NET9 = "{\"Name\":\"net9\",\"Id\":\"" + C + "\",\"Scope\":\"local\",\"Driver\":\"null\",\"IPAM\":{\"Driver\":\"default\","
            + "\"Options\":{},\"Config\":[]},\"Ingress\":false,\"Containers\":{},\"Labels\":null}";

    @TempDir
    Path dir;

    private FakeDaemon daemon(String name) throws Exception {
        return new FakeDaemon(dir.resolve(name + ".sock"), "1.43", (r, in, out, ch) -> {
            String p = r.path();
            if (r.method().equals("GET") && p.endsWith("/networks")) FakeDaemon.respond(out, 200, LIST);
            else if (p.endsWith("/networks/create")) {
                if (r.bodyText().contains("\"Driver\":\"nosuchdriver\"")) {
                    FakeDaemon.respond(out, 404, "{\"message\":\"plugin \\\"nosuchdriver\\\" not found\"}");
                } else if (r.bodyText().contains("\"Subnet\":\"bogus\"")) {
                    FakeDaemon.respond(out, 400, "{\"message\":\"invalid subnet bogus : invalid CIDR address: bogus\"}");
                } else {
                    FakeDaemon.respond(out, 201, "{\"Id\":\"" + "d".repeat(64) + "\",\"Warning\":\"\"}");
                }
            } else if (p.endsWith("/networks/prune")) FakeDaemon.respond(out, 200, "{\"NetworksDeleted\":[\"n1\",\"n2\"]}");
            else if (p.endsWith("/connect") || p.endsWith("/disconnect")) FakeDaemon.respond(out, 200, "");
            else if (p.endsWith("/networks/net9") || p.endsWith("/networks/net10")) {
                if (r.method().equals("DELETE")) out.write("HTTP/1.1 204 No Content\r\nApi-Version: 1.43\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                else FakeDaemon.respond(out, 200, p.endsWith("net9") ? NET9 : "{\"Name\":\"net10\",\"IPAM\":{\"Driver\":\"default\",\"Config\":[]},\"Labels\":{\"a\":\"1\"}}");
            } else if (p.endsWith("/networks/ingress")) {
                if (r.method().equals("DELETE")) out.write("HTTP/1.1 204 No Content\r\nApi-Version: 1.43\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                else FakeDaemon.respond(out, 200, "{\"Name\":\"ingress\",\"Ingress\":true}");
            } else if (p.contains("/networks/")) {
                FakeDaemon.respond(out, 404, "{\"message\":\"network " + p.substring(p.lastIndexOf('/') + 1) + " not found\"}");
            } else {
                FakeDaemon.respond(out, 404, "{\"message\":\"page not found\"}");
            }
        });
    }

    private static List<FakeDaemon.Request> calls(FakeDaemon d) {
        return d.requests().stream().filter(r -> !r.path().equals("/_ping")).toList();
    }

    @Test
    void createSendsDockersRequestAndPrintsTheId() throws Exception {
        try (FakeDaemon d = daemon("c")) {
            Cli.Result r = Cli.run(d.host(), "", "network", "create", "n1");
            assertEquals(0, r.exit(), r.err());
            assertEquals("d".repeat(64) + "\n", r.out());
            FakeDaemon.Request req = d.find("POST", "/networks/create");
            assertEquals("/v1.43/networks/create", req.target());
            assertEquals("application/json", req.headers().get("content-type"));
            assertEquals("{\"Driver\":\"bridge\",\"Scope\":\"\",\"IPAM\":{\"Driver\":\"default\",\"Options\":{},\"Config\":[]},\"Internal\":false,"
                    + "\"Attachable\":false,\"Ingress\":false,\"ConfigOnly\":false,\"ConfigFrom\":null,\"Options\":{},\"Labels\":{},\"Name\":\"n1\","
                    + "\"CheckDuplicate\":true}", req.bodyText());
        }
    }

    @Test
    void createWithEveryIpamFlag() throws Exception {
        try (FakeDaemon d = daemon("c2")) {
            Cli.Result r = Cli.run(d.host(), "", "network", "create", "-d", "macvlan", "--subnet", "10.1.0.0/16", "--subnet", "10.2.0.0/16",
                    "--gateway", "10.2.0.1", "--ip-range", "10.1.1.0/24", "--aux-address", "a=10.1.0.5", "--internal", "--attachable", "--label", "x=y",
                    "--label", "z", "-o", "com.foo=bar", "-o", "k", "--ipv6", "--ipam-opt", "q=r", "n2");
            assertEquals(0, r.exit(), r.err());
            assertEquals("{\"Driver\":\"macvlan\",\"Scope\":\"\",\"EnableIPv6\":true,\"IPAM\":{\"Driver\":\"default\",\"Options\":{\"q\":\"r\"},"
                    + "\"Config\":[{\"Subnet\":\"10.1.0.0/16\",\"IPRange\":\"10.1.1.0/24\",\"AuxiliaryAddresses\":{\"a\":\"10.1.0.5\"}},"
                    + "{\"Subnet\":\"10.2.0.0/16\",\"Gateway\":\"10.2.0.1\"}]},\"Internal\":true,\"Attachable\":true,\"Ingress\":false,"
                    + "\"ConfigOnly\":false,\"ConfigFrom\":null,\"Options\":{\"com.foo\":\"bar\",\"k\":\"\"},\"Labels\":{\"x\":\"y\",\"z\":\"\"},"
                    + "\"Name\":\"n2\",\"CheckDuplicate\":true}", d.find("POST", "/networks/create").bodyText());
            Cli.Result v4 = Cli.run(d.host(), "", "network", "create", "--ipv4=false", "--ipam-driver", "foo", "--config-from", "base", "n3");
            assertEquals(0, v4.exit(), v4.err());
            String body = calls(d).getLast().bodyText();
            assertTrue(body.startsWith("{\"Driver\":\"bridge\",\"Scope\":\"\",\"EnableIPv4\":false,\"IPAM\":{\"Driver\":\"foo\""), body);
            assertTrue(body.contains("\"ConfigFrom\":{\"Network\":\"base\"}"), body);
        }
    }

    @Test
    void createLeavesCheckDuplicateOutFromApi144() throws Exception {
        try (FakeDaemon d = daemon("c3")) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("DOCKER_API_VERSION", "1.44");
            Cli.Result r = Cli.runWithEnv(env, d.host(), "", "network", "create", "n1");
            assertEquals(0, r.exit(), r.err());
            FakeDaemon.Request req = d.find("POST", "/networks/create");
            assertEquals("/v1.44/networks/create", req.target());
            assertTrue(req.bodyText().endsWith("\"Name\":\"n1\"}"), req.bodyText());
        }
    }

    @Test
    void createErrors() throws Exception {
        try (FakeDaemon d = daemon("c4")) {
            Cli.Result driver = Cli.run(d.host(), "", "network", "create", "-d", "nosuchdriver", "n");
            assertEquals(1, driver.exit());
            assertEquals("Error response from daemon: plugin \"nosuchdriver\" not found\n", driver.err());
            Cli.Result subnet = Cli.run(d.host(), "", "network", "create", "--subnet", "bogus", "n");
            assertEquals(1, subnet.exit());
            assertEquals("Error response from daemon: invalid subnet bogus : invalid CIDR address: bogus\n", subnet.err(),
                    "a lone bad subnet is the daemon's to refuse");
            int sent = calls(d).size();
            Cli.Result gw = Cli.run(d.host(), "", "network", "create", "--subnet", "10.0.0.0/8", "--gateway", "11.0.0.1", "n");
            assertEquals(1, gw.exit());
            assertEquals("no matching subnet for gateway 11.0.0.1\n", gw.err());
            Cli.Result noSubnet = Cli.run(d.host(), "", "network", "create", "--ip-range", "10.0.0.0/24", "n");
            assertEquals("every ip-range or gateway must have a corresponding subnet\n", noSubnet.err());
            assertEquals(sent, calls(d).size(), "client-side errors send nothing");
            Cli.Result csv = Cli.run(d.host(), "", "network", "create", "--subnet", "a\"b", "n");
            assertEquals(125, csv.exit());
            assertTrue(csv.err().startsWith("invalid argument \"a\"b\" for \"--subnet\" flag: parse error on line 1, column 2: bare \" in non-quoted-field\n"),
                    csv.err());
            Cli.Result label = Cli.run(d.host(), "", "network", "create", "--label", "=x", "n");
            assertEquals(125, label.exit());
            assertTrue(label.err().startsWith("invalid argument \"=x\" for \"--label\" flag: invalid label '=x': empty name"), label.err());
            Cli.Result none = Cli.run(d.host(), "", "network", "create");
            assertEquals(1, none.exit());
            assertEquals("berth: 'berth network create' requires 1 argument\n\nUsage:  berth network create [OPTIONS] NETWORK\n\n"
                    + "Run 'berth network create --help' for more information\n", none.err());
        }
    }

    @Test
    void lsTableIsSortedNaturallyAndTruncated() throws Exception {
        try (FakeDaemon d = daemon("l")) {
            Cli.Result r = Cli.run(d.host(), "", "network", "ls");
            assertEquals(0, r.exit(), r.err());
            assertEquals("NETWORK ID     NAME      DRIVER    SCOPE\naaaaaaaaaaaa   bridge    bridge    local\ncccccccccccc   net9      null      local\n"
                    + "bbbbbbbbbbbb   net10     bridge    local\n", r.out());
            assertEquals("/v1.43/networks", d.find("GET", "/networks").target());
            assertEquals("aaaaaaaaaaaa\ncccccccccccc\nbbbbbbbbbbbb\n", Cli.run(d.host(), "", "network", "ls", "-q").out());
            assertEquals(A + "\n" + C + "\n" + B + "\n", Cli.run(d.host(), "", "network", "list", "-q", "--no-trunc").out());
            assertEquals("bridge\nnet9\nnet10\n", Cli.run(d.host(), "", "network", "ls", "-q", "--format", "{{.Name}}").out(),
                    "a custom format wins over -q");
        }
    }

    @Test
    void lsFormats() throws Exception {
        try (FakeDaemon d = daemon("lf")) {
            Cli.Result t = Cli.run(d.host(), "", "network", "ls", "--no-trunc", "--format",
                    "{{.ID}} {{.Name}} {{.IPv6}} {{.Internal}} {{.Labels}} {{.CreatedAt}} {{.Label \"a\"}}");
            assertEquals(A + " bridge false false  2024-05-01 10:11:12.1234 +0000 UTC \n" + C + " net9 false false  0001-01-01 00:00:00 +0000 UTC \n"
                    + B + " net10 true true a=1,b=2 2024-05-01 10:00:00 +0000 UTC 1\n", t.out());
            assertEquals("{\"CreatedAt\":\"2024-05-01 10:11:12.1234 +0000 UTC\",\"Driver\":\"bridge\",\"ID\":\"aaaaaaaaaaaa\",\"IPv4\":\"true\","
                    + "\"IPv6\":\"false\",\"Internal\":\"false\",\"Labels\":\"\",\"Name\":\"bridge\",\"Scope\":\"local\"}",
                    Cli.run(d.host(), "", "network", "ls", "--format", "json").out().lines().findFirst().orElseThrow());
            assertEquals("NAME      LABELS    IPV4\nbridge              true\nnet9                true\nnet10     a=1,b=2   true\n",
                    Cli.run(d.host(), "", "network", "ls", "--format", "table {{.Name}}\\t{{.Labels}}\\t{{.IPv4}}").out());
            assertEquals("network_id: aaaaaaaaaaaa\nname: bridge\ndriver: bridge\nscope: local\n",
                    Cli.run(d.host(), "", "network", "ls", "--format", "raw").out().split("\n\n")[0] + "\n");
        }
    }

    @Test
    void lsFilters() throws Exception {
        try (FakeDaemon d = daemon("lfi")) {
            assertEquals(0, Cli.run(d.host(), "", "network", "ls", "-f", "driver=bridge", "--filter", "name=x", "-f", "dangling=true").exit());
            assertEquals("filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%2C%22driver%22%3A%7B%22bridge%22%3Atrue%7D%2C%22name%22%3A%7B%22x%22%3Atrue%7D%7D",
                    d.find("GET", "/networks").query());
            Cli.Result bad = Cli.run(d.host(), "", "network", "ls", "-f", "bogus");
            assertEquals(125, bad.exit());
            assertTrue(bad.err().startsWith("invalid argument \"bogus\" for \"-f, --filter\" flag: bad format of filter (expected name=value)"), bad.err());
            Cli.Result args = Cli.run(d.host(), "", "network", "ls", "extra");
            assertEquals(1, args.exit());
            assertTrue(args.err().startsWith("berth: 'berth network ls' accepts no arguments"), args.err());
        }
    }

    @Test
    void inspectPrintsTheFoundOnesThenTheDaemonsErrors() throws Exception {
        try (FakeDaemon d = daemon("i")) {
            Cli.Result r = Cli.run(d.host(), "", "network", "inspect", "net9", "nosuch");
            assertEquals(1, r.exit());
            assertEquals("[\n    {\n        \"Name\": \"net9\",\n        \"Id\": \"" + C + "\",\n        \"Scope\": \"local\",\n        \"Driver\": \"null\",\n"
                    + "        \"IPAM\": {\n            \"Driver\": \"default\",\n            \"Options\": {},\n            \"Config\": []\n        },\n"
                    + "        \"Ingress\": false,\n        \"Containers\": {},\n        \"Labels\": null\n    }\n]\n", r.out());
            assertEquals("Error response from daemon: network nosuch not found\n", r.err());
            Cli.Result none = Cli.run(d.host(), "", "network", "inspect", "nosuch");
            assertEquals("[]\n", none.out());
            assertEquals(1, none.exit());
            Cli.Result f = Cli.run(d.host(), "", "network", "inspect", "-v", "-f", "{{.Name}} {{.IPAM.Config}} {{json .Labels}}", "net9", "net10");
            assertEquals("net9 [] null\nnet10 [] {\"a\":\"1\"}\n", f.out());
            assertEquals("", f.err());
            assertEquals("verbose=true", d.find("GET", "/networks/net10").query());
            assertEquals("[" + NET9 + "]\n", Cli.run(d.host(), "", "network", "inspect", "-f", "json", "net9").out());
            Cli.Result badTemplate = Cli.run(d.host(), "", "network", "inspect", "-f", "{{.Nope", "net9");
            assertEquals(64, badTemplate.exit());
            assertTrue(badTemplate.err().startsWith("template parsing error: "), badTemplate.err());
        }
    }

    @Test
    void topLevelInspectFindsNetworks() throws Exception {
        try (FakeDaemon d = daemon("ti")) {
            assertEquals("net9\n", Cli.run(d.host(), "", "inspect", "-f", "{{.Name}}", "net9").out(), "after container and image miss");
            Cli.Result typed = Cli.run(d.host(), "", "inspect", "--type", "network", "-f", "{{.Driver}}", "net9");
            assertEquals("null\n", typed.out());
            Cli.Result missing = Cli.run(d.host(), "", "inspect", "--type", "network", "nosuch");
            assertEquals(1, missing.exit());
            assertEquals("Error response from daemon: network nosuch not found\n", missing.err());
        }
    }

    @Test
    void rmPrintsRemovedNamesAndFailsWithExitStatus1() throws Exception {
        try (FakeDaemon d = daemon("r")) {
            Cli.Result r = Cli.run(d.host(), "", "network", "rm", "net9", "nosuch", "net10");
            assertEquals(1, r.exit());
            assertEquals("net9\nnet10\n", r.out());
            assertEquals("Error response from daemon: network nosuch not found\nexit status 1\n", r.err());
            assertEquals("/v1.43/networks/net10", d.find("DELETE", "/networks/net10").target());
            Cli.Result forced = Cli.run(d.host(), "", "network", "remove", "-f", "nosuch");
            assertEquals(0, forced.exit(), forced.err());
            assertEquals("", forced.err());
            Cli.Result empty = Cli.run(d.host(), "", "network", "rm", " ");
            assertEquals(1, empty.exit());
            assertEquals("invalid network name or ID: value is empty\nexit status 1\n", empty.err());
        }
    }

    @Test
    void rmAsksBeforeRemovingTheIngressNetwork() throws Exception {
        try (FakeDaemon d = daemon("ri")) {
            Cli.Result no = Cli.run(d.host(), "n\n", "network", "rm", "ingress");
            assertEquals(0, no.exit());
            assertTrue(no.out().startsWith("WARNING! Before removing the routing-mesh network"), no.out());
            assertNull(d.find("DELETE", "/networks/ingress"));
            Cli.Result yes = Cli.run(d.host(), "y\n", "network", "rm", "ingress");
            assertTrue(yes.out().endsWith("[y/N] ingress\n"), yes.out());
            assertEquals("/v1.43/networks/ingress", d.find("DELETE", "/networks/ingress").target());
        }
    }

    @Test
    void pruneConfirmsAndListsTheDeleted() throws Exception {
        try (FakeDaemon d = daemon("p")) {
            Cli.Result no = Cli.run(d.host(), "n\n", "network", "prune");
            assertEquals(0, no.exit(), "docker 28 ends a cancelled prune silently");
            assertEquals("WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ", no.out());
            assertEquals("", no.err());
            assertNull(d.find("POST", "/networks/prune"));
            Cli.Result yes = Cli.run(d.host(), "y\n", "network", "prune", "--filter", "until=1h", "--filter", "label=a");
            assertEquals(0, yes.exit(), yes.err());
            assertTrue(yes.out().endsWith("[y/N] Deleted Networks:\nn1\nn2\n\n"), yes.out());
            assertEquals("filters=%7B%22label%22%3A%7B%22a%22%3Atrue%7D%2C%22until%22%3A%7B%221h%22%3Atrue%7D%7D", d.find("POST", "/networks/prune").query());
            assertEquals("Deleted Networks:\nn1\nn2\n\n", Cli.run(d.host(), "", "network", "prune", "-f").out());
        }
    }

    @Test
    void connectSendsTheEndpointSettings() throws Exception {
        try (FakeDaemon d = daemon("cn")) {
            Cli.Result plain = Cli.run(d.host(), "", "network", "connect", "net9", "c1");
            assertEquals(0, plain.exit(), plain.err());
            assertEquals("", plain.out());
            FakeDaemon.Request req = d.find("POST", "/networks/net9/connect");
            assertEquals("/v1.43/networks/net9/connect", req.target());
            assertEquals("{\"Container\":\"c1\",\"EndpointConfig\":{\"IPAMConfig\":{},\"Links\":null,\"Aliases\":[],\"MacAddress\":\"\",\"DriverOpts\":{},"
                    + "\"GwPriority\":0,\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\",\"IPPrefixLen\":0,\"IPv6Gateway\":\"\","
                    + "\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null}}", req.bodyText());
            Cli.Result full = Cli.run(d.host(), "", "network", "connect", "--ip", "10.0.0.5", "--ip6", "fd00::5", "--alias", "a,b", "--alias", "c",
                    "--link", "other:o", "--link-local-ip", "169.254.1.1", "--driver-opt", "x=1,y=2", "--gw-priority", "3", "net9", "c1");
            assertEquals(0, full.exit(), full.err());
            assertEquals("{\"Container\":\"c1\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.0.0.5\",\"IPv6Address\":\"fd00::5\","
                    + "\"LinkLocalIPs\":[\"169.254.1.1\"]},\"Links\":[\"other:o\"],\"Aliases\":[\"a\",\"b\",\"c\"],\"MacAddress\":\"\","
                    + "\"DriverOpts\":{\"x\":\"1\",\"y\":\"2\"},\"GwPriority\":3,\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\","
                    + "\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\",\"GlobalIPv6PrefixLen\":0,\"DNSNames\":null}}",
                    calls(d).getLast().bodyText());
        }
    }

    @Test
    void connectAndDisconnectArgumentErrors() throws Exception {
        try (FakeDaemon d = daemon("ce")) {
            Cli.Result one = Cli.run(d.host(), "", "network", "connect", "net9");
            assertEquals(1, one.exit());
            assertEquals("berth: 'berth network connect' requires 2 arguments\n\nUsage:  berth network connect [OPTIONS] NETWORK CONTAINER\n\n"
                    + "Run 'berth network connect --help' for more information\n", one.err());
            Cli.Result three = Cli.run(d.host(), "", "network", "disconnect", "a", "b", "c");
            assertEquals(1, three.exit());
            assertTrue(three.err().startsWith("berth: 'berth network disconnect' requires 2 arguments\n"), three.err());
            Cli.Result opt = Cli.run(d.host(), "", "network", "connect", "--driver-opt", "bad", "net9", "c1");
            assertEquals(1, opt.exit());
            assertEquals("invalid key/value pair format in driver options\n", opt.err());
            Cli.Result link = Cli.run(d.host(), "", "network", "connect", "--link", "a:b:c", "net9", "c1");
            assertEquals(125, link.exit());
            assertTrue(link.err().startsWith("invalid argument \"a:b:c\" for \"--link\" flag: bad format for links: a:b:c\n"), link.err());
            Cli.Result empty = Cli.run(d.host(), "", "network", "connect", " ", "c1");
            assertEquals("invalid network name or ID: value is empty\n", empty.err());
            assertEquals(List.of(), calls(d), "nothing reaches the daemon");
        }
    }

    @Test
    void disconnectSendsContainerAndForce() throws Exception {
        try (FakeDaemon d = daemon("dc")) {
            assertEquals(0, Cli.run(d.host(), "", "network", "disconnect", "net9", "c1").exit());
            assertEquals("{\"Container\":\"c1\",\"Force\":false}", d.find("POST", "/networks/net9/disconnect").bodyText());
            assertEquals(0, Cli.run(d.host(), "", "network", "disconnect", "-f", "net9", "c2").exit());
            assertEquals("{\"Container\":\"c2\",\"Force\":true}", calls(d).getLast().bodyText());
        }
    }

    @Test
    void networkGroupHelpAndCompletion() {
        Cli.Result help = Cli.run("unix:///nonexistent", "", "network");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Usage:  berth network COMMAND\n\nManage networks\n\nCommands:\n  connect "), help.out());
        for (String c : List.of("create", "disconnect", "inspect", "ls", "prune", "rm")) assertTrue(help.out().contains("\n  " + c + " "), c);
        Cli.Result unknown = Cli.run("unix:///nonexistent", "", "network", "nope");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().startsWith("berth: unknown command: berth network nope"), unknown.err());
        Cli.Result createHelp = Cli.run("unix:///nonexistent", "", "network", "create", "--help");
        assertTrue(createHelp.out().contains("--subnet") && createHelp.out().contains("-d, --driver string"), createHelp.out());
        Cli.Result comp = Cli.run("unix:///nonexistent", "", "completion", "bash");
        assertEquals(0, comp.exit(), comp.err());
        for (String s : List.of("(network connect)", "(network create)", "(network disconnect)", "(network inspect)", "(network ls)", "(network prune)",
                "(network rm)", "--aux-address", "--ip-range", "--gw-priority")) {
            assertTrue(comp.out().contains(s), s);
        }
    }
}

package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ps, images and history rows and tables, against output the docker CLI printed for the same API data. */
class RowsTest {
    private static final long NOW = 1795419702_000L;

    private static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s.replace('\'', '"').replace('`', '\''));
    }

    @Test
    void psTableAsDockerPrintsIt() throws Exception {
        JsonNode list = json("[{'Id':'f6fdcc698bcd1d43bb2a3eb4e06df5fb4dcc6a7fa5e2f98d8f8a63e2c2ee8f64','Names':['/c1'],"
                + "'Image':'5e4afa63cfdf','ImageID':'sha256:5e4afa63cfdf24fa1ab3b2f12ab1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3',"
                + "'Command':'sh -c `echo hi > /tmp/f`','Created':1795419342,'Ports':[],'Labels':{},'State':'exited',"
                + "'Status':'Exited (0) 6 minutes ago','HostConfig':{'NetworkMode':'default'},"
                + "'NetworkSettings':{'Networks':{'bridge':{}}},'Mounts':[]},"
                + "{'Id':'a339a82ea7525389c152e9724afe66243dfa99c544510143f2450dda246ef6c0','Names':['/bt1'],'Image':'busybox',"
                + "'ImageID':'sha256:76ea74363be4fcf752c1c50c527a57d3885e9d64ee6ff21771e81ae4bef3fe84','Command':'sh -c `echo started; sleep 300`',"
                + "'Created':1795419700,'Ports':[{'PrivatePort':80,'Type':'tcp'}],'Labels':{'b':'2','a':'1'},'State':'running','Status':'Up 1 second',"
                + "'NetworkSettings':{'Networks':{'bridge':{}}},'Mounts':[]}]");
        List<Row> rows = new ArrayList<>();
        for (JsonNode c : list) rows.add(Rows.container(c, true, NOW));
        String table = new TableFormat(PsFormats.DEFAULT).render(Rows.CONTAINER_HEADERS, rows);
        assertEquals("CONTAINER ID   IMAGE          COMMAND                  CREATED         STATUS                     PORTS     NAMES\n"
                + "f6fdcc698bcd   5e4afa63cfdf   \"sh -c 'echo hi > /t…\"   6 minutes ago   Exited (0) 6 minutes ago             c1\n"
                + "a339a82ea752   busybox        \"sh -c 'echo started…\"   2 seconds ago   Up 1 second                80/tcp    bt1\n", table);
        assertEquals("f6fdcc698bcd\na339a82ea752\n", new TableFormat("{{.ID}}").render(Rows.CONTAINER_HEADERS, rows));
        assertEquals("LABELS\n\na=1,b=2\n", new TableFormat("table {{.Labels}}").render(Rows.CONTAINER_HEADERS, rows));
        assertEquals("a\n\n1\n", new TableFormat("table {{.Label \"a\"}}").render(Rows.CONTAINER_HEADERS, rows));
        String json = new TableFormat("json").render(Rows.CONTAINER_HEADERS, rows.subList(0, 1));
        assertEquals("{\"Command\":\"\\\"sh -c 'echo hi \\u003e /t…\\\"\",\"CreatedAt\":\"" + Units.goTime(1795419342) + "\",\"ID\":\"f6fdcc698bcd\","
                + "\"Image\":\"5e4afa63cfdf\",\"Labels\":\"\",\"LocalVolumes\":\"0\",\"Mounts\":\"\",\"Names\":\"c1\",\"Networks\":\"bridge\","
                + "\"Platform\":null,\"Ports\":\"\",\"RunningFor\":\"6 minutes ago\",\"Size\":\"0B\",\"State\":\"exited\","
                + "\"Status\":\"Exited (0) 6 minutes ago\"}\n", json);
        assertTrue(rows.get(0).used("Size"), "{{json .}} reads every field, so ps asks for sizes");
        assertFalse(rows.get(1).used("Size"));
    }

    @Test
    void containerImageAndNames() throws Exception {
        JsonNode c = json("{'Id':'x','Names':['/web/db','/db'],'Image':'docker.io/library/nginx:1.25',"
                + "'ImageID':'sha256:1111','Command':'nginx','Created':0,'SizeRw':5,'SizeRootFs':1985581}");
        Row r = Rows.container(c, true, NOW);
        assertEquals("db", r.field("Names", List.of()));
        assertEquals("nginx:1.25", r.field("Image", List.of()));
        assertEquals("5B (virtual 1.99MB)", r.field("Size", List.of()));
        Row full = Rows.container(c, false, NOW);
        assertEquals("web/db,db", full.field("Names", List.of()));
        assertEquals("docker.io/library/nginx:1.25", full.field("Image", List.of()));
    }

    @Test
    void portsGroupedAsDockerShowsThem() throws Exception {
        assertEquals("0.0.0.0:8080->80/tcp, [::]:8080->80/tcp",
                Rows.displayablePorts(json("[{'IP':'0.0.0.0','PrivatePort':80,'PublicPort':8080,'Type':'tcp'},{'IP':'::','PrivatePort':80,'PublicPort':8080,'Type':'tcp'}]")));
        assertEquals("53/udp, 80-82/tcp",
                Rows.displayablePorts(json("[{'PrivatePort':81,'Type':'tcp'},{'PrivatePort':80,'Type':'tcp'},{'PrivatePort':82,'Type':'tcp'},{'PrivatePort':53,'Type':'udp'}]")));
        assertEquals("0.0.0.0:9000-9001->9000-9001/tcp",
                Rows.displayablePorts(json("[{'IP':'0.0.0.0','PrivatePort':9000,'PublicPort':9000,'Type':'tcp'},{'IP':'0.0.0.0','PrivatePort':9001,'PublicPort':9001,'Type':'tcp'}]")));
        assertEquals("", Rows.displayablePorts(json("[]")));
    }

    @Test
    void imagesOneRowPerTag() throws Exception {
        JsonNode img = json("{'Id':'sha256:76ea74363be4fcf752c1c50c527a57d3885e9d64ee6ff21771e81ae4bef3fe84','Created':1704067200,"
                + "'Size':1985581,'SharedSize':-1,'Containers':-1,'RepoTags':['busybox:latest','busybox:1.35','reg:5000/bb:x'],"
                + "'RepoDigests':['busybox@sha256:" + "b".repeat(64) + "']}");
        List<Row> rows = Rows.images(img, true, false, false, NOW);
        String table = new TableFormat(ImagesFormats.DEFAULT).render(Rows.IMAGE_HEADERS, rows);
        assertEquals("REPOSITORY    TAG       IMAGE ID       CREATED       SIZE\n"
                + "busybox       latest    76ea74363be4   2 years ago   1.99MB\n"
                + "busybox       1.35      76ea74363be4   2 years ago   1.99MB\n"
                + "reg:5000/bb   x         76ea74363be4   2 years ago   1.99MB\n", table);
        List<Row> withDigests = Rows.images(img, true, true, true, NOW);
        assertEquals("sha256:" + "b".repeat(64), withDigests.get(0).field("Digest", List.of()));
        JsonNode dangling = json("{'Id':'sha256:abc','Created':0,'Size':0,'RepoTags':[],'RepoDigests':[]}");
        assertEquals("<none>", Rows.images(dangling, true, false, false, NOW).get(0).field("Repository", List.of()));
        assertEquals("N/A", rows.get(0).field("Containers", List.of()));
    }

    @Test
    void historyRows() throws Exception {
        JsonNode h = json("{'Id':'<missing>','Created':1704067200,'CreatedBy':'/bin/sh -c #(nop)\\tCMD [\\\"sh\\\"] and a long tail of text here','Size':0,'Comment':'imported'}");
        Row r = Rows.history(h, true, true, NOW);
        assertEquals("<missing>", r.field("ID", List.of()));
        assertEquals("/bin/sh -c #(nop) CMD [\"sh\"] and a long tail…", r.field("CreatedBy", List.of()));
        assertEquals("0B", r.field("Size", List.of()));
        assertEquals("2 years ago", r.field("CreatedSince", List.of()));
        assertEquals("0", Rows.history(h, true, false, NOW).field("Size", List.of()));
    }

    @Test
    void goQuote() {
        assertEquals("\"a\\\"b\\\\c\\n\\t…\"", Rows.goQuote("a\"b\\c\n\t…"));
        assertEquals("\"\\x01\"", Rows.goQuote("\u0001"));
    }

    /** The default formats, as in the CLI. */
    static final class PsFormats {
        static final String DEFAULT = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
    }

    static final class ImagesFormats {
        static final String DEFAULT = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
    }
}

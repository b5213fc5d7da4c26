package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.Query;
import dev.berth.cli.format.TabWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** docker top: the daemon's ps output in a tab-aligned table (min width 20). */
@Command(name = "top", customSynopsis = "CONTAINER [ps OPTIONS]", description = "Display the running processes of a container")
final class TopCmd extends DockerCommand {
    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        Query q = Query.of();
        if (args.size() > 1) q.set("ps_args", String.join(" ", args.subList(1, args.size())));
        JsonNode top = client().getJson("/containers/" + args.get(0) + "/top", q);
        StringBuilder sb = new StringBuilder();
        TabWriter w = new TabWriter(sb, 20, 3);
        w.write(String.join("\t", strings(top.path("Titles"))) + "\n");
        for (JsonNode p : top.path("Processes")) w.write(String.join("\t", strings(p)) + "\n");
        w.flush();
        out().print(sb);
        return 0;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : a) out.add(n.asText());
        return out;
    }
}

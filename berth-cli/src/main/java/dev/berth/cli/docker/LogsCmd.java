package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.client.StreamDemux;
import dev.berth.cli.opts.Converters;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker logs: inspect for Tty, then the log stream (multiplexed unless the container has a tty). */
@Command(name = "logs", customSynopsis = "[OPTIONS] CONTAINER", description = "Fetch the logs of a container")
final class LogsCmd extends DockerCommand {
    @Option(names = "--details", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Show extra details provided to logs")
    boolean details;
    @Option(names = {"-f", "--follow"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Follow log output")
    boolean follow;
    @Option(names = "--since", description = "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String since = "";
    @Option(names = {"-n", "--tail"}, description = "Number of lines to show from the end of the logs (default \"all\")")
    String tail = "all";
    @Option(names = {"-t", "--timestamps"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Show timestamps")
    boolean timestamps;
    @Option(names = "--until", description = "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String until = "";

    @Override
    Arity arity() {
        return new Arity(1, 1);
    }

    @Override
    int run() throws Exception {
        JsonNode info = client().getJson("/containers/" + args.get(0) + "/json", null);
        Instant now = Instant.now();
        Query q = Query.of("stdout", "1").set("stderr", "1");
        if (!since.isEmpty()) q.set("since", Timestamps.get(since, now));
        if (!until.isEmpty()) q.set("until", Timestamps.get(until, now));
        q.flag("timestamps", timestamps).flag("follow", follow).set("tail", tail).flag("details", details);
        try (Response r = client().call("GET", "/containers/" + info.path("Id").asText() + "/logs", q, null)) {
            InputStream in = r.body();
            OutputStream out = session().rawOut();
            if (info.path("Config").path("Tty").asBoolean()) {
                byte[] buf = new byte[32 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } else {
                StreamDemux.copy(in, out, session().rawErr());
            }
        }
        return 0;
    }
}

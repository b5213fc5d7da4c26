package dev.berth.cli.docker;

import dev.berth.cli.client.JsonMessages;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.format.ImageRef;
import dev.berth.cli.format.JsonMessageDisplay;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** POST /images/create?fromImage=...&tag=... with its progress rendered like docker's jsonmessage. */
final class ImagePull {
    /** base64("{}"): no registry credentials. */
    static final String NO_AUTH = "e30=";

    private ImagePull() {}

    static void pull(Session s, String image, String platform, PrintStream out, boolean terminal) {
        ImageRef ref;
        try {
            ref = ImageRef.parse(image);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Query q = Query.of("fromImage", ref.name()).set("tag", ref.digest() != null ? ref.digest() : ref.withDefaultTag().tag()).opt("platform", platform);
        try (Response r = s.client().call("POST", "/images/create", q, null, Map.of("X-Registry-Auth", NO_AUTH))) {
            JsonMessageDisplay display = new JsonMessageDisplay(out, terminal, s.ttySize()[1], null);
            JsonMessages.each(r.body(), display::accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonMessageDisplay.StreamError e) {
            throw new CliException(e.getMessage());
        }
    }
}

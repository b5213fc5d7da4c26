package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.client.Query;
import dev.berth.cli.format.ImageRef;
import dev.berth.cli.opts.ContainerFlags;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * createContainer from the docker CLI: the --cidfile, --pull always, the create request, and on
 * "No such image" the "Unable to find image" notice, a pull (progress on stderr) and one retry.
 */
final class ContainerCreator {
    private ContainerCreator() {}

    /** Returns the new container's ID; daemon errors propagate for the caller to map. */
    static String create(Session s, ContainerFlags f, ObjectNode body) {
        Path cid = null;
        if (!f.cidfile.isEmpty()) {
            cid = Path.of(f.cidfile);
            if (Files.exists(cid)) throw new CliException("container ID file found, make sure the other container isn't running or delete " + f.cidfile);
            try {
                Files.writeString(cid, "");
            } catch (IOException e) {
                throw new CliException("failed to create the container ID file: " + e.getMessage());
            }
        }
        boolean written = false;
        try {
            requireVersion(s, "1.44", "specify health-check start interval", body.path("Healthcheck").path("StartInterval").asLong(0) != 0);
            boolean endpointMac = false;
            for (JsonNode ep : body.path("NetworkingConfig").path("EndpointsConfig")) endpointMac |= !ep.path("MacAddress").asText("").isEmpty();
            requireVersion(s, "1.44", "specify mac-address per network", endpointMac);
            String image = body.path("Image").asText();
            PrintStream progress = f.quiet ? new PrintStream(java.io.OutputStream.nullOutputStream()) : s.err();
            if (f.pull.equals("always")) ImagePull.pull(s, image, f.platform, progress, false);
            Query q = Query.of().opt("name", f.name).opt("platform", f.platform);
            JsonNode r;
            try {
                r = s.client().postJson("/containers/create", q, body);
            } catch (RuntimeException e) {
                if (!ContainerIO.isNotFound(e) || !f.pull.equals("missing") || !isNamed(image)) throw e;
                if (!f.quiet) s.err().println("Unable to find image '" + ImageRef.parse(image).withDefaultTag().familiarString() + "' locally");
                ImagePull.pull(s, image, f.platform, progress, false);
                r = s.client().postJson("/containers/create", q, body);
            }
            for (JsonNode w : r.path("Warnings")) s.err().println("WARNING: " + w.asText());
            for (JsonNode dns : body.path("HostConfig").path("Dns")) {
                String d = dns.asText();
                if (d.startsWith("127.") || d.equals("::1")) s.err().println("WARNING: Localhost DNS (" + d + ") may fail in containers.");
            }
            String id = r.path("Id").asText();
            if (cid != null) {
                try {
                    Files.writeString(cid, id, StandardCharsets.UTF_8);
                    written = true;
                } catch (IOException e) {
                    throw new CliException("failed to write the container ID to the file: " + e.getMessage());
                }
            }
            return id;
        } finally {
            if (cid != null && !written) {
                try {
                    Files.deleteIfExists(cid);
                } catch (IOException ignored) {
                    // best effort, as the CLI
                }
            }
        }
    }

    /** The API client's NewVersionError: a feature the negotiated API version does not have. */
    private static void requireVersion(Session s, String min, String feature, boolean used) {
        if (used && !s.client().versionAtLeast(min)) {
            throw new CliException("\"" + feature + "\" requires API version " + min + ", but the Docker daemon API version is " + s.client().apiVersion());
        }
    }

    private static boolean isNamed(String image) {
        try {
            ImageRef.parse(image);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package dev.goalcoach.mentor.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dashboard client's style sheet and script, and uPlot (its charting library) from its webjar, under
 * {@code /mentor/app/assets/} (the gateway routes {@code /mentor} here; Quarkus's own {@code /webjars} path would not
 * be routed). Nothing is fetched from the internet at run time. Named files only, cached for a day.
 */
@Path("/mentor/app/assets")
@Tag(name = "dashboard client")
@PermitAll
public class AppAssetsResource {

    private static final String DIST = "META-INF/resources/webjars/uplot/" + version() + "/dist/";

    /** Each file: where it is on the class path, and its type. */
    private record Asset(String path, String type) {}

    private static final Map<String, Asset> FILES = Map.of(
            "uPlot.iife.min.js", new Asset(DIST + "uPlot.iife.min.js", "text/javascript"),
            "uPlot.min.css", new Asset(DIST + "uPlot.min.css", "text/css"),
            "app.css", new Asset("app/app.css", "text/css"),
            "app.js", new Asset("app/app.js", "text/javascript"));

    @GET
    @Path("/{file}")
    @Operation(summary = "The dashboard client's style sheet and script, and uPlot's, from its webjar")
    public Response file(@PathParam("file") String file) throws IOException {
        Asset asset = FILES.get(file);
        if (asset == null) {
            return Response.status(404).build();
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(asset.path())) {
            if (in == null) {
                return Response.status(404).build();
            }
            return Response.ok(in.readAllBytes(), asset.type() + "; charset=utf-8")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Cache-Control", "public, max-age=86400")
                    .build();
        }
    }

    /** The webjar's version, from its Maven metadata (the one the build put on the class path). */
    private static String version() {
        var props = new Properties();
        try (InputStream in = AppAssetsResource.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("uPlot's webjar is unreadable", e);
        }
        return props.getProperty("version", "1.6.30");
    }
}

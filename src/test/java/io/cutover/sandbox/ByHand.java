package io.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.emulator.EmulatedFly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the team does outside the panel during a rehearsal: a flyctl command typed by hand
 * on the sandbox's emulated Fly, a look at the app's site.
 */
final class ByHand {

    private ByHand() {
    }

    /**
     * What the team might do by hand outside the panel: a flyctl command on the sandbox's
     * emulated Fly, with an org token of its own. Returns standard output; fails on a
     * non-zero exit.
     */
    static String flyctl(Path flyHome, String stdin, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(flyHome.resolve("bin/flyctl").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(false);
        builder.environment().put("FLY_API_TOKEN", EmulatedFly.issueToken(flyHome, "personal", null));
        Process p = builder.start();
        try (var in = p.getOutputStream()) {
            in.write((stdin == null ? "" : stdin + "\n").getBytes(StandardCharsets.UTF_8));
        }
        var out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("flyctl %s: %s", String.join(" ", args), err).isZero();
        return out.get().strip();
    }

    /**
     * The emulated app's answer: status code and body, which names the database it reads
     * from.
     */
    static String site(String url) throws Exception {
        var response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }

}

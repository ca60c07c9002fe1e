package nl.gezinscoaching.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import nl.gezinscoaching.api.files.PrivateFiles;

/**
 * The event export from the query service into a file, with progress on the terminal. Signs in with
 * {@code STUDY_TOKEN} (a bearer token, production) or {@code STUDY_USER} ({@code user:password}; default the
 * local demo analyst {@code ali:ali}). The file appears only when the export is complete.
 */
final class ExportDownload {

    private ExportDownload() {
    }

    static long download(String service, LocalDate until, Path file, PrintStream terminal)
            throws IOException, InterruptedException {
        String url = service.replaceAll("/+$", "") + "/api/export/events" + (until == null ? "" : "?until=" + until);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/x-ndjson");
        String token = System.getenv("STUDY_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        } else {
            String user = System.getenv().getOrDefault("STUDY_USER", "ali:ali");
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
            }
            throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + body);
        }
        long stored = response.headers().firstValueAsLong("X-Events-Stored").orElse(0);
        Path partial = PrivateFiles.newPartial(file);
        try {
            Progress progress = new Progress(terminal, "export", stored);
            boolean first = true;
            try (InputStream in = response.body(); OutputStream out = PrivateFiles.write(partial)) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    out.write(buffer, 0, read);
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            if (first) {
                                first = false; // the line that describes the export
                            } else {
                                progress.step();
                            }
                        }
                    }
                }
            }
            progress.finish();
            PrivateFiles.publish(partial, file);
            return progress.done();
        } finally {
            Files.deleteIfExists(partial); // a download cut off leaves nothing behind
        }
    }
}

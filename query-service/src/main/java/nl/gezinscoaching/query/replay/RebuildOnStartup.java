package nl.gezinscoaching.query.replay;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The command-line switch: {@code --rebuild-read-models} rebuilds every read model at start-up and logs
 * progress every five seconds until it is done.
 */
@Component
class RebuildOnStartup implements ApplicationRunner {

    static final String SWITCH = "rebuild-read-models";
    private static final Logger log = LoggerFactory.getLogger(RebuildOnStartup.class);

    private final ReadModelRebuild rebuild;

    RebuildOnStartup(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(SWITCH)) {
            return;
        }
        rebuild.start();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rebuild-progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.scheduleAtFixedRate(() -> {
            RebuildStatus status = rebuild.status();
            log.info("Rebuild {}: {} / {} events ({}%), {} events/s", status.state(), status.eventsDone(),
                    status.eventsTotal(), status.percentDone(), status.eventsPerSecond());
            if ("FINISHED".equals(status.state())) {
                progress.shutdown();
            }
        }, 1, 5, TimeUnit.SECONDS);
    }
}

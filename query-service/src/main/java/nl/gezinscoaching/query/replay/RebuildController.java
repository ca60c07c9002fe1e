package nl.gezinscoaching.query.replay;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST} starts a rebuild of every read model; {@code GET} shows its progress. */
@RestController
@RequestMapping("/api/admin/rebuild")
class RebuildController {

    private final ReadModelRebuild rebuild;

    RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    ResponseEntity<RebuildStatus> start() {
        boolean started = rebuild.start();
        return ResponseEntity.status(started ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(rebuild.status());
    }

    @GetMapping
    RebuildStatus status() {
        return rebuild.status();
    }
}

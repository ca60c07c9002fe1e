package nl.gezinscoaching.query.mine;

import nl.gezinscoaching.api.views.MyFamiliesView;
import java.time.Clock;
import java.time.LocalDate;
import nl.gezinscoaching.platform.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/my-families}: the signed-in coach's list, for the web's "Mijn gezinnen". */
@RestController
class MyFamiliesController {

    private final MyFamiliesQueries queries;
    private final Clock clock;

    MyFamiliesController(MyFamiliesQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping(path = "/api/my-families", produces = MediaType.APPLICATION_JSON_VALUE)
    MyFamiliesView myFamilies() {
        return queries.view(CurrentUser.get().orElseThrow(() -> new AccessDeniedException("No user")),
                LocalDate.now(clock));
    }
}

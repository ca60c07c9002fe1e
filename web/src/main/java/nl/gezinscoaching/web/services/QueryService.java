package nl.gezinscoaching.web.services;

import nl.gezinscoaching.api.views.MyFamiliesView;
import nl.gezinscoaching.api.views.TrajectoryHistory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The query service's views the pages show. */
public class QueryService {

    private final RestClient rest;

    QueryService(RestClient rest) {
        this.rest = rest;
    }

    /** The signed-in coach's families with what is due ({@code GET /api/my-families}). */
    public MyFamiliesView myFamilies() {
        return rest.get().uri("/api/my-families").accept(MediaType.APPLICATION_JSON).retrieve().body(MyFamiliesView.class);
    }

    /** One family's history; 403 when it is not the user's family, 404 when there is none. */
    public TrajectoryHistory history(String trajectoryId) {
        return rest.get().uri("/api/trajectories/{id}/history", trajectoryId).accept(MediaType.APPLICATION_JSON)
                .retrieve().body(TrajectoryHistory.class);
    }
}

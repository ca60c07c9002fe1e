package nl.gezinscoaching.web.families;

import nl.gezinscoaching.web.services.QueryService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One family's page: what happened, when, recorded by whom (the history view). The query service decides who
 * may read it: another coach's family is its 403, shown as the 403 page.
 */
@Controller
class FamilyController {

    private final QueryService queries;

    FamilyController(QueryService queries) {
        this.queries = queries;
    }

    @GetMapping("/trajectories/{trajectoryId}")
    String family(@PathVariable String trajectoryId, Model model) {
        model.addAttribute("history", queries.history(trajectoryId));
        return "families/family";
    }
}

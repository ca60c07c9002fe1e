package nl.gezinscoaching.web.families;

import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import nl.gezinscoaching.web.layout.Layout;
import nl.gezinscoaching.web.services.QueryService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** "Mijn gezinnen": a coach's open families with what is due, most urgent first (as the query service orders them). */
@Controller
class MyFamiliesController {

    private final QueryService queries;
    private final Layout layout;

    MyFamiliesController(QueryService queries, Layout layout) {
        this.queries = queries;
        this.layout = layout;
    }

    @GetMapping("/")
    String myFamilies(Model model) {
        PlatformUser user = layout.user();
        boolean coach = user != null && (user.has(Role.COACH) || user.has(Role.SENIOR_COACH));
        model.addAttribute("coach", coach);
        model.addAttribute("senior", user != null && user.has(Role.SENIOR_COACH));
        if (coach) {
            model.addAttribute("families", queries.myFamilies());
        }
        return "families/mine";
    }
}

package nl.gezinscoaching.web.layout;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Pages about no family: the 403 page of the pages' own rules, and the page after signing out. */
@Controller
class PlainPages {

    @GetMapping("/forbidden")
    String forbidden(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "error/403";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }
}

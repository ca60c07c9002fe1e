package nl.gezinscoaching.web.signin.local;

import nl.gezinscoaching.platform.deployment.DeploymentGuard;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The local identity provider's sign-in form ({@code username}, {@code password}); the form posts to itself. */
@Controller
@Profile(DeploymentGuard.LOCAL_PROFILE)
class LoginController {

    /** @param error present after a failed attempt ({@code /login?error}) */
    @GetMapping(LocalIdentityProvider.LOGIN)
    String login(@RequestParam(required = false) String error, Model model) {
        model.addAttribute("failed", error != null);
        return "signin/login";
    }
}

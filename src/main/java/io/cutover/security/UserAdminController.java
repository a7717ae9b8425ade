package io.cutover.security;

import io.cutover.shared.Actor;
import io.cutover.shared.CutoverException;
import io.cutover.shared.InvalidInputException;
import io.cutover.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins list, create, disable and enable users, and see whose logins the throttle
 * refuses right now.
 */
@Controller
record UserAdminController(UserAccounts accounts, LoginThrottle throttle) {

    static final String USERS_VIEW = "security/users";

    @GetMapping("/admin/users")
    String users(Model model) {
        return show(model, Map.of());
    }

    @PostMapping("/admin/users")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) Set<Role> roles, Actor actor, Model model, HttpServletResponse response,
            RedirectAttributes flash) {
        try {
            accounts.create(username, password, roles == null ? EnumSet.noneOf(Role.class) : roles, actor);
            flash.addFlashAttribute("message", "User '" + username.strip().toLowerCase() + "' created.");
            return "redirect:/admin/users";
        }
        catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("username", username);
            return show(model, e.fieldErrors());
        }
    }

    @PostMapping("/admin/users/{username}/enabled")
    String enable(@PathVariable String username, @RequestParam boolean enabled, Actor actor, Model model,
            HttpServletResponse response, RedirectAttributes flash) {
        try {
            accounts.setEnabled(username, enabled, actor);
            flash.addFlashAttribute("message", "User '" + username + "' " + (enabled ? "enabled." : "disabled."));
            return "redirect:/admin/users";
        }
        catch (CutoverException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.getMessage());
            return show(model, Map.of());
        }
    }

    @PostMapping("/admin/users/{username}/roles")
    String roles(@PathVariable String username, @RequestParam(required = false) Set<Role> roles, Actor actor,
            Model model, HttpServletResponse response, RedirectAttributes flash) {
        try {
            accounts.setRoles(username, roles == null ? EnumSet.noneOf(Role.class) : roles, actor);
            flash.addFlashAttribute("message", "Roles of '" + username + "' saved.");
            return "redirect:/admin/users";
        }
        catch (CutoverException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.getMessage());
            return show(model, Map.of());
        }
    }

    private String show(Model model, Map<String, String> fieldErrors) {
        model.addAttribute("users", accounts.list());
        model.addAttribute("lockouts", throttle.lockouts());
        model.addAttribute("roles", Role.values());
        model.addAttribute("fieldErrors", fieldErrors);
        return USERS_VIEW;
    }

}

package io.arbiter.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/** {@code /workbench} without the slash would resolve the page's relative links against {@code /}; send it there. */
@ApplicationScoped
public class WorkbenchRedirect {

    void route(@Observes Router router) {
        router.routeWithRegex("^/workbench$").handler(context -> context.redirect("/workbench/"));
    }
}

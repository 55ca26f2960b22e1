package io.arbiter.api;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** Who the caller is and which of Arbiter's roles they hold, so a page offers only what the server will allow. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final List<String> ROLES = List.of("channel", "analyst", "approver", "admin");

    public record Caller(String name, List<String> roles) {
    }

    private final SecurityIdentity identity;

    UserResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("me")
    @Authenticated
    public Caller me() {
        Set<String> held = identity.getRoles();
        return new Caller(identity.getPrincipal().getName(), ROLES.stream().filter(held::contains).toList());
    }
}

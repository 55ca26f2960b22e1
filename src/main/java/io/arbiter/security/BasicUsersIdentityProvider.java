package io.arbiter.security;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates HTTP Basic credentials against the {@link UserDirectory}; a client or a user name with too many
 * recent failures is refused before its password is checked ({@link FailedLogins}).
 */
@ApplicationScoped
public class BasicUsersIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserDirectory directory;
    private final FailedLogins failures;

    BasicUsersIdentityProvider(UserDirectory directory, FailedLogins failures) {
        this.directory = directory;
        this.failures = failures;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String name = request.getUsername();
        char[] password = request.getPassword().getPassword();
        Optional<Set<String>> known = directory.recentlyVerified(name, password);
        if (known.isPresent()) {
            return Uni.createFrom().item(identity(name, known.get()));
        }
        String client = clientAddress(request);
        Optional<Duration> wait = failures.throttled(client, name);
        if (wait.isPresent()) {
            return Uni.createFrom().failure(new LoginThrottled("too many failed logins from this client or for this"
                    + " user", wait.get()));
        }
        return context.runBlocking(() -> {
            Optional<Set<String>> roles = directory.verify(name, password);
            if (roles.isEmpty()) {
                failures.failed(client, name);
                throw new AuthenticationFailedException("invalid credentials");
            }
            return identity(name, roles.get());
        });
    }

    /** The client's address as Vert.x sees it (behind a proxy, with Quarkus's forwarding support when enabled). */
    private static String clientAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext context = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context == null || context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().hostAddress();
    }

    private static SecurityIdentity identity(String name, Set<String> roles) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(roles)
                .build();
    }
}

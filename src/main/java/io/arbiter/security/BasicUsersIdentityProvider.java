package io.arbiter.security;

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
import io.smallrye.mutiny.Uni;

/** Authenticates HTTP Basic credentials against the {@link UserDirectory}. */
@ApplicationScoped
public class BasicUsersIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserDirectory directory;

    BasicUsersIdentityProvider(UserDirectory directory) {
        this.directory = directory;
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
        return context.runBlocking(() -> directory.verify(name, password)
                .map(roles -> identity(name, roles))
                .orElseThrow(() -> new AuthenticationFailedException("invalid credentials")));
    }

    private static SecurityIdentity identity(String name, Set<String> roles) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(roles)
                .build();
    }
}

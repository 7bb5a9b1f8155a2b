package dev.goalcoach.member.service;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.member.Role;
import dev.goalcoach.member.api.MemberDtos;
import dev.goalcoach.member.config.MemberConfig;
import dev.goalcoach.member.repository.MemberRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Creates the first admin from configuration, once: there is no other way to get one on a new installation. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final MemberConfig config;
    private final MemberService service;
    private final MemberRepository members;

    public AdminBootstrap(MemberConfig config, MemberService service, MemberRepository members) {
        this.config = config;
        this.service = service;
        this.members = members;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        var email = config.admin().email().filter(s -> !s.isBlank());
        var password = config.admin().password().filter(s -> !s.isBlank());
        if (email.isEmpty() || password.isEmpty()) {
            return;
        }
        MemberService.NewMember admin;
        try {
            admin = service.validate(new MemberDtos.CreateMemberRequest(
                    email.get(), password.get(), "Administrator", "UTC", Role.ADMIN, null));
        } catch (ProblemException e) {
            throw new IllegalStateException("GOALCOACH_ADMIN_EMAIL / GOALCOACH_ADMIN_PASSWORD: " + e.getMessage());
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> members.findByEmail(admin.email()))
                .chain(existing -> existing != null
                        ? Uni.createFrom().voidItem()
                        : service.create(admin, password.get())
                                .invoke(m -> LOG.infof("created the first admin, %s", m.email))
                                .replaceWithVoid()));
    }
}

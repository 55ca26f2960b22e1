package io.arbiter.api;

import java.util.concurrent.Callable;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs the work of a {@code @NonBlocking} endpoint on a worker thread, once Quarkus REST has read the request body on
 * the I/O thread. A blocking endpoint goes to a worker first and reads its body there: the worker then waits for the
 * I/O thread to hand over even a 30-byte body, a park and a wake-up on every request, which cost a synchronous
 * decision more than the decision itself (docs/benchmarks.md). A non-blocking endpoint has a body of up to
 * {@code quarkus.rest.input-buffer-size} read into memory on the I/O thread, and a larger one handed to a worker as a
 * stream that {@link JsonRequestReader} reads at the pace {@link BodyPace} demands; either way the endpoint's work runs
 * here, never on the I/O thread, since a decision may read facts from another node.
 */
final class WorkerDispatch {

    private WorkerDispatch() {
    }

    /** The answer of {@code work}, or its exception as it was thrown, for the exception mappers. */
    static Uni<Response> call(Callable<Response> work) {
        return Uni.createFrom().<Response>emitter(answer -> {
            try {
                answer.complete(work.call());
            } catch (Exception e) {
                answer.fail(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

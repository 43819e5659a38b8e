package dev.crossdeploy.account;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.net.URI;
import java.util.Optional;

/**
 * Notes on a failed call the endpoint it went to ({@code https://sts.us-east-1.amazonaws.com}),
 * so {@link AwsErrors} can name it: the JDK's HTTP client says only "Connection refused" or
 * "Unexpected end of file from server". The note is a suppressed exception of the SDK's own,
 * which is otherwise left as it is.
 */
final class FailedEndpoint implements ExecutionInterceptor {

    /** The note itself: no stack, never thrown. */
    static final class Note extends Exception {
        Note(String endpoint) {
            super(endpoint, null, false, false);
        }

        String endpoint() { return getMessage(); }
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        if (failure instanceof SdkClientException && context.httpRequest().isPresent()
                && noted(failure).isEmpty()) {
            SdkHttpRequest request = context.httpRequest().get();
            URI uri = request.getUri();
            failure.addSuppressed(new Note(uri.getScheme() + "://" + uri.getRawAuthority()));
        }
        return failure;
    }

    /** The endpoint noted on {@code t} or its causes. */
    static Optional<String> noted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (Throwable s : c.getSuppressed()) {
                if (s instanceof Note note) return Optional.of(note.endpoint());
            }
        }
        return Optional.empty();
    }
}

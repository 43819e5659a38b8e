package dev.crossdeploy.example.notes;

import java.util.List;
import java.util.Optional;

/**
 * One page of notes. {@code lastKey} is the id to continue after, present while more notes may
 * follow; callers turn it into an opaque token (see {@link PageToken}).
 */
public record NotePage(List<Note> items, Optional<String> lastKey) {
}
